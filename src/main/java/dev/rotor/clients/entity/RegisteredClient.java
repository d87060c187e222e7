package dev.rotor.clients.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * A client registered through the admin API. Its lists are kept space-separated, as OAuth writes a
 * scope: none of their values may hold a space. Only the hash of its secret is kept.
 */
@Entity
@Table(name = "rotor_client")
@NamedQuery(
    name = RegisteredClient.ALL,
    query = "SELECT c FROM RegisteredClient c ORDER BY c.createdAt, c.id")
@NamedQuery(name = RegisteredClient.COUNT, query = "SELECT COUNT(c) FROM RegisteredClient c")
public class RegisteredClient {

  public static final String ALL = "RegisteredClient.all";
  public static final String COUNT = "RegisteredClient.count";

  /** What an admin may set; the id, the secret and the times are the registry's. */
  public record Settings(
      String name,
      String authMethod,
      String grantTypes,
      String scopes,
      String redirectUris,
      String postLogoutRedirectUris,
      boolean firstParty,
      boolean requirePkce,
      boolean introspectAny,
      String audiences,
      String backchannelLogoutUri,
      boolean backchannelLogoutSessionRequired,
      Long accessTokenTtlSeconds,
      String jwks,
      String jwksUri,
      boolean enabled) {

    public Settings {
      Objects.requireNonNull(name);
      Objects.requireNonNull(authMethod);
      Objects.requireNonNull(grantTypes);
      Objects.requireNonNull(scopes);
      Objects.requireNonNull(redirectUris);
      Objects.requireNonNull(postLogoutRedirectUris);
      Objects.requireNonNull(audiences);
    }
  }

  @Id private String id;

  private String name;

  @Column(name = "secret_hash")
  private String secretHash;

  /** The secret a rotation replaced, still valid until {@link #previousSecretExpiresAt}. */
  @Column(name = "previous_secret_hash")
  private String previousSecretHash;

  @Column(name = "previous_secret_expires_at")
  private Long previousSecretExpiresAt;

  private boolean enabled;

  @Column(name = "auth_method")
  private String authMethod;

  @Column(name = "grant_types")
  private String grantTypes;

  private String scopes;

  @Column(name = "redirect_uris")
  private String redirectUris;

  @Column(name = "post_logout_redirect_uris")
  private String postLogoutRedirectUris;

  @Column(name = "first_party")
  private boolean firstParty;

  @Column(name = "require_pkce")
  private boolean requirePkce;

  @Column(name = "introspect_any")
  private boolean introspectAny;

  private String audiences;

  @Column(name = "backchannel_logout_uri")
  private String backchannelLogoutUri;

  @Column(name = "backchannel_logout_session_required")
  private boolean backchannelLogoutSessionRequired;

  @Column(name = "access_token_ttl")
  private Long accessTokenTtl;

  /** The JWK Set of a {@code private_key_jwt} client, as JSON; or null. */
  private String jwks;

  @Column(name = "jwks_uri")
  private String jwksUri;

  @Column(name = "created_at")
  private long createdAt;

  @Column(name = "updated_at")
  private long updatedAt;

  protected RegisteredClient() {}

  /** A new client; {@code secretHash} is null for a public one. */
  public RegisteredClient(String id, String secretHash, Settings settings, Instant now) {
    this.id = Objects.requireNonNull(id);
    this.secretHash = secretHash;
    this.createdAt = now.toEpochMilli();
    change(settings, now);
  }

  /** Replaces every setting; the id, the secret and the creation time stay. */
  public void change(Settings settings, Instant now) {
    this.name = settings.name();
    this.authMethod = settings.authMethod();
    this.grantTypes = settings.grantTypes();
    this.scopes = settings.scopes();
    this.redirectUris = settings.redirectUris();
    this.postLogoutRedirectUris = settings.postLogoutRedirectUris();
    this.firstParty = settings.firstParty();
    this.requirePkce = settings.requirePkce();
    this.introspectAny = settings.introspectAny();
    this.audiences = settings.audiences();
    this.backchannelLogoutUri = settings.backchannelLogoutUri();
    this.backchannelLogoutSessionRequired = settings.backchannelLogoutSessionRequired();
    this.accessTokenTtl = settings.accessTokenTtlSeconds();
    this.jwks = settings.jwks();
    this.jwksUri = settings.jwksUri();
    this.enabled = settings.enabled();
    this.updatedAt = now.toEpochMilli();
  }

  /**
   * A new secret. The one it replaces stays valid until {@code previousUntil}, or stops at once
   * when that is not after {@code now}; a predecessor still in its overlap is forgotten either way,
   * so at most two secrets are ever valid.
   */
  public void rotateSecret(String newSecretHash, Instant previousUntil, Instant now) {
    boolean overlap = previousUntil.isAfter(now);
    this.previousSecretHash = overlap ? secretHash : null;
    this.previousSecretExpiresAt = overlap ? previousUntil.toEpochMilli() : null;
    this.secretHash = Objects.requireNonNull(newSecretHash);
    this.updatedAt = now.toEpochMilli();
  }

  public String id() {
    return id;
  }

  /** SHA-256 of the secret, base64url; null for a public client. */
  public String secretHash() {
    return secretHash;
  }

  /** SHA-256 of the secret a rotation replaced, base64url; null when there is none. */
  public String previousSecretHash() {
    return previousSecretHash;
  }

  /** When the replaced secret stops; null when there is none. */
  public Instant previousSecretExpiresAt() {
    return previousSecretExpiresAt == null ? null : Instant.ofEpochMilli(previousSecretExpiresAt);
  }

  /** A disabled client authenticates nowhere and starts no flow. */
  public boolean enabled() {
    return enabled;
  }

  public Settings settings() {
    return new Settings(
        name,
        authMethod,
        grantTypes,
        scopes,
        redirectUris,
        postLogoutRedirectUris,
        firstParty,
        requirePkce,
        introspectAny,
        audiences,
        backchannelLogoutUri,
        backchannelLogoutSessionRequired,
        accessTokenTtl,
        jwks,
        jwksUri,
        enabled);
  }

  public Instant createdAt() {
    return Instant.ofEpochMilli(createdAt);
  }

  public Instant updatedAt() {
    return Instant.ofEpochMilli(updatedAt);
  }
}
