package dev.rotor.configuration;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Refuses to start with configuration that cannot work, naming the key, before anything else starts
 * (the other start-up beans depend on this one).
 */
@Startup
@Singleton
public class ConfigurationCheck {

  private static final System.Logger LOG = System.getLogger(ConfigurationCheck.class.getName());

  @PostConstruct
  void check() {
    var config = ConfigProvider.getConfig(ConfigurationCheck.class.getClassLoader());
    List<String> problems = problems(key -> config.getOptionalValue(key, String.class));
    if (!problems.isEmpty()) {
      problems.forEach(p -> LOG.log(System.Logger.Level.ERROR, "Invalid configuration: {0}", p));
      throw new IllegalStateException("Invalid configuration: " + String.join("; ", problems));
    }
  }

  /** Every problem with the configuration, one message per key; empty when all is well. */
  public static List<String> problems(Function<String, Optional<String>> lookup) {
    List<String> problems = new ArrayList<>();
    positiveDuration(lookup, "rotor.access-token.ttl", problems);
    positiveDuration(lookup, "rotor.refresh-token.idle-ttl", problems);
    positiveDuration(lookup, "rotor.session.max-ttl", problems);
    duration(lookup, "rotor.refresh-token.reuse-grace", problems);
    positiveDuration(lookup, "rotor.purge.interval", problems);
    duration(lookup, "rotor.purge.initial-delay", problems);
    duration(lookup, "rotor.purge.retention", problems);
    duration(lookup, "rotor.audit.retention", problems);
    positiveDuration(lookup, "rotor.purge.time-budget", problems);
    positiveInt(lookup, "rotor.purge.batch-size", problems);
    lookup
        .apply("rotor.issuer")
        .ifPresent(
            issuer -> {
              try {
                URI uri = new URI(issuer);
                if (!uri.isAbsolute() || uri.getHost() == null) {
                  problems.add(
                      "rotor.issuer: must be an absolute http(s) URL, got '" + issuer + "'");
                }
              } catch (java.net.URISyntaxException e) {
                problems.add("rotor.issuer: not a URL: '" + issuer + "'");
              }
            });
    lookup
        .apply("rotor.audience")
        .filter(String::isBlank)
        .ifPresent(a -> problems.add("rotor.audience: must not be blank"));
    lookup
        .apply("rotor.keys.algorithm")
        .filter(a -> !a.equals("RS256") && !a.equals("ES256"))
        .ifPresent(
            a -> problems.add("rotor.keys.algorithm: must be RS256 or ES256, got '" + a + "'"));
    bool(lookup, "rotor.registration.open", problems);
    lookup
        .apply("rotor.db.url")
        .filter(u -> !u.isBlank() && !u.startsWith("jdbc:postgresql:") && !u.startsWith("jdbc:h2:"))
        .ifPresent(u -> problems.add("rotor.db.url: must be a jdbc:postgresql: (or jdbc:h2:) URL"));
    positiveInt(lookup, "rotor.password.argon2.memory-kib", problems);
    positiveInt(lookup, "rotor.password.argon2.iterations", problems);
    positiveInt(lookup, "rotor.password.argon2.parallelism", problems);
    lookup
        .apply("rotor.password.max-concurrent-hashes")
        .filter(v -> !v.trim().matches("\\d{1,6}"))
        .ifPresent(
            v ->
                problems.add(
                    "rotor.password.max-concurrent-hashes: must be 0 (= cores) or more, got '"
                        + v
                        + "'"));
    positiveInt(lookup, "rotor.http.max-body-bytes", problems);
    duration(lookup, "rotor.users.profile-cache-ttl", problems);
    positiveInt(lookup, "rotor.users.profile-cache-size", problems);
    bool(lookup, "rotor.keys.native-signing", problems);
    bool(lookup, "rotor.password.argon2.native", problems);
    Optional<String> admin = lookup.apply("rotor.admin.username").filter(u -> !u.isBlank());
    if (admin.isPresent()
        && lookup.apply("rotor.admin.password").filter(p -> !p.isBlank()).isEmpty()) {
      problems.add("rotor.admin.password: required when rotor.admin.username is set");
    }
    return problems;
  }

  private static void positiveDuration(
      Function<String, Optional<String>> lookup, String key, List<String> problems) {
    lookup
        .apply(key)
        .ifPresent(
            v -> {
              Duration d = parseDuration(key, v, problems);
              if (d != null && (d.isNegative() || d.isZero())) {
                problems.add(key + ": must be a positive duration, got '" + v + "'");
              }
            });
  }

  private static void duration(
      Function<String, Optional<String>> lookup, String key, List<String> problems) {
    lookup
        .apply(key)
        .ifPresent(
            v -> {
              Duration d = parseDuration(key, v, problems);
              if (d != null && d.isNegative()) {
                problems.add(key + ": must not be negative, got '" + v + "'");
              }
            });
  }

  private static Duration parseDuration(String key, String value, List<String> problems) {
    try {
      return Duration.parse(value);
    } catch (DateTimeParseException e) {
      problems.add(key + ": not an ISO-8601 duration such as PT5M or P14D: '" + value + "'");
      return null;
    }
  }

  private static void positiveInt(
      Function<String, Optional<String>> lookup, String key, List<String> problems) {
    lookup
        .apply(key)
        .ifPresent(
            v -> {
              try {
                if (Integer.parseInt(v.trim()) <= 0) {
                  problems.add(key + ": must be a positive integer, got '" + v + "'");
                }
              } catch (NumberFormatException e) {
                problems.add(key + ": not an integer: '" + v + "'");
              }
            });
  }

  private static void bool(
      Function<String, Optional<String>> lookup, String key, List<String> problems) {
    lookup
        .apply(key)
        .filter(v -> !v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false"))
        .ifPresent(v -> problems.add(key + ": must be true or false, got '" + v + "'"));
  }
}
