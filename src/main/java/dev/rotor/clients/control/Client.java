package dev.rotor.clients.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A registered client; {@code secretHash} (SHA-256) is null for a public client. A browser client
 * has {@code redirectUris} (matched exactly), a display {@code name}; a {@code firstParty} client
 * skips consent and may use the password login; {@code requirePkce} is false only for a
 * confidential client configured so. An {@code introspectsAny} client is a resource server that may
 * introspect every token, not only those issued to it. A {@code configured} client comes from
 * {@code rotor.client.<id>.*} (or is {@code rotor-app}) and cannot be changed at run time; {@code
 * authMethod} is the token endpoint authentication it registered (null: either secret method for a
 * confidential client, none for a public one), and {@code accessTokenLifetime} is null for the
 * server's default. A {@code private_key_jwt} client has no secret but a JWK Set, inline ({@code
 * jwks}, its JSON) or at {@code jwksUri}. A client with a {@code backchannelLogoutUri} is sent a
 * logout token whenever a browser session it signed in to ends. {@code previousSecret} is the
 * secret a rotation replaced while it still overlaps (null otherwise); a client that is not {@code
 * enabled} is seen only by its admin, never found for a flow.
 */
public record Client(
    String id,
    byte[] secretHash,
    Set<String> grantTypes,
    Set<String> scopes,
    List<String> redirectUris,
    List<String> postLogoutRedirectUris,
    String name,
    boolean firstParty,
    boolean requirePkce,
    List<String> audiences,
    boolean introspectsAny,
    String authMethod,
    String backchannelLogoutUri,
    boolean backchannelLogoutSessionRequired,
    Duration accessTokenLifetime,
    String jwks,
    String jwksUri,
    boolean configured,
    PreviousSecret previousSecret,
    boolean enabled) {

  public static final String SECRET_BASIC = "client_secret_basic";
  public static final String SECRET_POST = "client_secret_post";
  public static final String PRIVATE_KEY_JWT = "private_key_jwt";
  public static final String NONE = "none";

  /** Compared when there is no previous secret, so that both comparisons always run. */
  private static final byte[] NO_SECRET = new byte[32];

  /** The SHA-256 of a replaced secret, accepted before {@code expiresAt} only. */
  public record PreviousSecret(byte[] hash, Instant expiresAt) {}

  /** A configured client, as {@code rotor.client.<id>.*} describes one. */
  public Client(
      String id,
      byte[] secretHash,
      Set<String> grantTypes,
      Set<String> scopes,
      List<String> redirectUris,
      List<String> postLogoutRedirectUris,
      String name,
      boolean firstParty,
      boolean requirePkce,
      List<String> audiences,
      boolean introspectsAny) {
    this(
        id,
        secretHash,
        grantTypes,
        scopes,
        redirectUris,
        postLogoutRedirectUris,
        name,
        firstParty,
        requirePkce,
        audiences,
        introspectsAny,
        null,
        null,
        false,
        null,
        null,
        null,
        true,
        null,
        true);
  }

  /**
   * A client without browser sign-in: no redirect URIs, first party, PKCE required, Rotor's own
   * audience, introspecting only its own tokens.
   */
  public Client(String id, byte[] secretHash, Set<String> grantTypes, Set<String> scopes) {
    this(
        id, secretHash, grantTypes, scopes, List.of(), List.of(), id, true, true, List.of(), false);
  }

  public Client {
    grantTypes = Collections.unmodifiableSet(new LinkedHashSet<>(grantTypes));
    scopes = Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
    redirectUris = List.copyOf(redirectUris);
    postLogoutRedirectUris = List.copyOf(postLogoutRedirectUris);
    audiences = List.copyOf(audiences);
    // A public client has nothing but PKCE to bind a code to itself.
    requirePkce = requirePkce || (secretHash == null && !PRIVATE_KEY_JWT.equals(authMethod));
  }

  /**
   * A client built field by field, for the places that set more than the short constructors do:
   * everything not set is as a configured client without those keys has it (no secret, no grant, no
   * scope, no URI, its id for a name, third party, PKCE required, Rotor's own audience, the
   * server's token lifetime, any method its secret allows, enabled).
   */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** See {@link #builder(String)}. */
  public static final class Builder {
    private final String id;
    private byte[] secretHash;
    private Set<String> grantTypes = Set.of();
    private Set<String> scopes = Set.of();
    private List<String> redirectUris = List.of();
    private List<String> postLogoutRedirectUris = List.of();
    private String name;
    private boolean firstParty;
    private boolean requirePkce = true;
    private List<String> audiences = List.of();
    private boolean introspectsAny;
    private String authMethod;
    private String backchannelLogoutUri;
    private boolean backchannelLogoutSessionRequired;
    private Duration accessTokenLifetime;
    private String jwks;
    private String jwksUri;
    private boolean configured;
    private PreviousSecret previousSecret;
    private boolean enabled = true;

    private Builder(String id) {
      this.id = id;
      this.name = id;
    }

    public Builder secretHash(byte[] hash) {
      this.secretHash = hash;
      return this;
    }

    public Builder grantTypes(Set<String> grantTypes) {
      this.grantTypes = grantTypes;
      return this;
    }

    public Builder scopes(Set<String> scopes) {
      this.scopes = scopes;
      return this;
    }

    public Builder redirectUris(List<String> uris) {
      this.redirectUris = uris;
      return this;
    }

    public Builder postLogoutRedirectUris(List<String> uris) {
      this.postLogoutRedirectUris = uris;
      return this;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder firstParty(boolean firstParty) {
      this.firstParty = firstParty;
      return this;
    }

    public Builder requirePkce(boolean requirePkce) {
      this.requirePkce = requirePkce;
      return this;
    }

    public Builder audiences(List<String> audiences) {
      this.audiences = audiences;
      return this;
    }

    public Builder introspectsAny(boolean introspectsAny) {
      this.introspectsAny = introspectsAny;
      return this;
    }

    public Builder authMethod(String method) {
      this.authMethod = method;
      return this;
    }

    public Builder backchannelLogout(String uri, boolean sessionRequired) {
      this.backchannelLogoutUri = uri;
      this.backchannelLogoutSessionRequired = sessionRequired;
      return this;
    }

    public Builder accessTokenLifetime(Duration lifetime) {
      this.accessTokenLifetime = lifetime;
      return this;
    }

    public Builder jwks(String jwks) {
      this.jwks = jwks;
      return this;
    }

    public Builder jwksUri(String uri) {
      this.jwksUri = uri;
      return this;
    }

    public Builder configured(boolean configured) {
      this.configured = configured;
      return this;
    }

    public Builder previousSecret(PreviousSecret previous) {
      this.previousSecret = previous;
      return this;
    }

    public Builder enabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    public Client build() {
      return new Client(
          id,
          secretHash,
          grantTypes,
          scopes,
          redirectUris,
          postLogoutRedirectUris,
          name,
          firstParty,
          requirePkce,
          audiences,
          introspectsAny,
          authMethod,
          backchannelLogoutUri,
          backchannelLogoutSessionRequired,
          accessTokenLifetime,
          jwks,
          jwksUri,
          configured,
          previousSecret,
          enabled);
    }
  }

  /** Exact string comparison (RFC 9700 §4.1.3): no prefix, no pattern, no normalisation. */
  public boolean allowsRedirectUri(String uri) {
    return uri != null && redirectUris.contains(uri);
  }

  public boolean allowsPostLogoutRedirectUri(String uri) {
    return uri != null && postLogoutRedirectUris.contains(uri);
  }

  /** It proves who it is: with a secret, or with a signed assertion ({@code private_key_jwt}). */
  public boolean isConfidential() {
    return secretHash != null || PRIVATE_KEY_JWT.equals(authMethod);
  }

  /**
   * Whether it may authenticate at the token endpoint this way: the one method it registered, or,
   * for a configured client (which names none), either secret method when it has a secret and
   * {@code none} when it has not.
   */
  public boolean allowsAuthMethod(String method) {
    if (authMethod != null) {
      return authMethod.equals(method);
    }
    return secretHash != null
        ? SECRET_BASIC.equals(method) || SECRET_POST.equals(method)
        : NONE.equals(method);
  }

  public boolean mayUse(String grantType) {
    return grantTypes.contains(grantType);
  }

  /** The scope its sessions are granted, space-separated as OAuth writes it. */
  public String scope() {
    return String.join(" ", scopes);
  }

  /**
   * The current secret, or the previous one before its expiry. Constant-time, and both are always
   * compared: the time taken says neither how much of a secret was right nor which one it was.
   */
  public boolean secretMatches(String secret, Instant now) {
    if (secretHash == null || secret == null) {
      return false;
    }
    byte[] presented = sha256(secret);
    boolean current = MessageDigest.isEqual(secretHash, presented);
    boolean previous =
        MessageDigest.isEqual(
            previousSecret == null ? NO_SECRET : previousSecret.hash(), presented);
    return current
        | (previous && previousSecret != null && now.isBefore(previousSecret.expiresAt()));
  }

  /** The stored form of a secret, for tests that build clients. */
  public static byte[] sha256Of(String secret) {
    return sha256(secret);
  }

  static byte[] sha256(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
