package dev.rotor.users.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/** An account: a case-insensitively unique username, a password hash and roles. */
@Entity
@Table(name = "rotor_user")
@NamedQuery(
    name = User.BY_USERNAME,
    query = "SELECT u FROM User u WHERE u.usernameKey = :usernameKey")
@NamedQuery(
    name = User.SEARCH,
    query = "SELECT u FROM User u WHERE u.usernameKey LIKE :q ESCAPE '\\' ORDER BY u.usernameKey")
@NamedQuery(
    name = User.COUNT_SEARCH,
    query = "SELECT COUNT(u) FROM User u WHERE u.usernameKey LIKE :q ESCAPE '\\'")
@NamedQuery(
    name = User.ENABLED_ADMINS,
    query = "SELECT u FROM User u WHERE u.enabled = TRUE AND u.roles LIKE '%admin%'")
@NamedQuery(
    name = User.REPLACE_HASH,
    query =
        "UPDATE User u SET u.passwordHash = :next WHERE u.id = :id AND u.passwordHash = :checked")
public class User {

  /** Changes the hash only while it is still the one the caller checked (or read). */
  public static final String REPLACE_HASH = "User.replaceHash";

  public static final String BY_USERNAME = "User.byUsername";
  public static final String SEARCH = "User.search";
  public static final String COUNT_SEARCH = "User.countSearch";
  public static final String ENABLED_ADMINS = "User.enabledAdmins";

  @Id private String id;

  private String username;

  @Column(name = "username_key")
  private String usernameKey;

  @Column(name = "password_hash")
  private String passwordHash;

  /** Space-separated, so reading a user for a token is one row and no join. */
  private String roles;

  private boolean enabled;

  @Column(name = "created_at")
  private long createdAt;

  protected User() {}

  public User(String username, String passwordHash, Set<String> roles, Instant createdAt) {
    this.id = UUID.randomUUID().toString();
    this.username = Objects.requireNonNull(username);
    this.usernameKey = keyOf(username);
    this.passwordHash = Objects.requireNonNull(passwordHash);
    this.roles = joinRoles(roles);
    this.enabled = true;
    this.createdAt = createdAt.toEpochMilli();
  }

  /** The form in which usernames are compared: case-insensitive, locale-independent. */
  public static String keyOf(String username) {
    return username.toLowerCase(Locale.ROOT);
  }

  private static String joinRoles(Set<String> roles) {
    if (roles.isEmpty()) {
      throw new IllegalArgumentException("a user needs at least one role");
    }
    return String.join(" ", new TreeSet<>(roles));
  }

  public void disable() {
    this.enabled = false;
  }

  public void enable() {
    this.enabled = true;
  }

  public void changeRoles(Set<String> newRoles) {
    this.roles = joinRoles(newRoles);
  }

  public void changePasswordHash(String newHash) {
    this.passwordHash = Objects.requireNonNull(newHash);
  }

  public String id() {
    return id;
  }

  public String username() {
    return username;
  }

  public String passwordHash() {
    return passwordHash;
  }

  /**
   * A value that changes with every password change (each hash has a new salt) and tells nothing
   * about the password: the SHA-256 of the hash, base64url. What outlives a sign-in (an
   * authorization code) keeps this, not a copy of the hash.
   */
  public String credentialVersion() {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(passwordHash.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  public Set<String> roles() {
    return parseRoles(roles);
  }

  /** The roles column (space-separated names) as a set, for readers that bypass the entity. */
  public static Set<String> parseRoles(String roles) {
    return Arrays.stream(roles.split(" "))
        .filter(r -> !r.isEmpty())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  public boolean isEnabled() {
    return enabled;
  }

  public Instant createdAt() {
    return Instant.ofEpochMilli(createdAt);
  }
}
