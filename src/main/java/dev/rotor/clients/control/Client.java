package dev.rotor.clients.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
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
 * authMethod} is the token endpoint authentication it registered (null: any its type allows), and
 * {@code accessTokenLifetime} is null for the server's default. A client with a {@code
 * backchannelLogoutUri} is sent a logout token whenever a browser session it signed in to ends.
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
    boolean configured) {

  public static final String SECRET_BASIC = "client_secret_basic";
  public static final String SECRET_POST = "client_secret_post";
  public static final String NONE = "none";

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
    requirePkce = requirePkce || secretHash == null;
  }

  /** Exact string comparison (RFC 9700 §4.1.3): no prefix, no pattern, no normalisation. */
  public boolean allowsRedirectUri(String uri) {
    return uri != null && redirectUris.contains(uri);
  }

  public boolean allowsPostLogoutRedirectUri(String uri) {
    return uri != null && postLogoutRedirectUris.contains(uri);
  }

  public boolean isConfidential() {
    return secretHash != null;
  }

  public boolean mayUse(String grantType) {
    return grantTypes.contains(grantType);
  }

  /** The scope its sessions are granted, space-separated as OAuth writes it. */
  public String scope() {
    return String.join(" ", scopes);
  }

  /** Constant-time: the time taken says nothing about how much of the secret was right. */
  public boolean secretMatches(String secret) {
    return secretHash != null
        && secret != null
        && MessageDigest.isEqual(secretHash, sha256(secret));
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
