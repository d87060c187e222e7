package dev.rotor.oauth.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The OAuth clients: the built-in public {@code rotor-app} of the first-party API, and those of
 * {@code rotor.clients}. A confidential client's secret is kept only as its SHA-256 and compared in
 * constant time.
 */
@ApplicationScoped
public class OAuthClients {

  public static final String FIRST_PARTY = "rotor-app";
  public static final String DEFAULT_SCOPE = "profile";

  /** A registered client; {@code secretHash} is null for a public client. */
  public record Client(String id, byte[] secretHash, Set<String> grantTypes, Set<String> scopes) {

    public boolean isConfidential() {
      return secretHash != null;
    }

    public String scope() {
      return String.join(" ", scopes);
    }

    public boolean secretMatches(String secret) {
      return secretHash != null
          && secret != null
          && MessageDigest.isEqual(secretHash, sha256(secret));
    }
  }

  private Map<String, Client> clients;

  @PostConstruct
  void load() {
    clients = load(ConfigProvider.getConfig(OAuthClients.class.getClassLoader()));
  }

  static Map<String, Client> load(Config config) {
    Map<String, Client> all = new HashMap<>();
    all.put(
        FIRST_PARTY, new Client(FIRST_PARTY, null, Set.of("refresh_token"), Set.of(DEFAULT_SCOPE)));
    for (String id : list(config.getOptionalValue("rotor.clients", String.class).orElse(""))) {
      String prefix = "rotor.client." + id + ".";
      byte[] hash =
          config
              .getOptionalValue(prefix + "secret", String.class)
              .filter(s -> !s.isBlank())
              .map(OAuthClients::sha256)
              .orElse(null);
      Set<String> grants =
          list(
              config
                  .getOptionalValue(prefix + "grant-types", String.class)
                  .orElse("refresh_token"));
      Set<String> scopes =
          list(config.getOptionalValue(prefix + "scopes", String.class).orElse(DEFAULT_SCOPE));
      all.put(id, new Client(id, hash, grants, scopes));
    }
    return Map.copyOf(all);
  }

  /** Comma- or space-separated values, in order, without blanks. */
  public static Set<String> list(String value) {
    return Arrays.stream(value.split("[,\\s]+"))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  public Optional<Client> find(String id) {
    return Optional.ofNullable(id).map(clients::get);
  }

  static byte[] sha256(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
