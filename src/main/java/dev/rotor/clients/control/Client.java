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
