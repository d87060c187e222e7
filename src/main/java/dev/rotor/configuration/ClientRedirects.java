package dev.rotor.configuration;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * The redirect URIs of the configured clients, checked when the clients are read (RFC 6749 §3.1.2,
 * RFC 8252 §7, RFC 9700 §2.1): absolute, no fragment; {@code http:} only to a loopback host; a
 * custom scheme (an app's {@code com.example.app:/callback}) only for a public client, since any
 * app may claim such a scheme, so no secret can depend on it.
 */
public final class ClientRedirects {

  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "[::1]", "::1", "localhost");

  private ClientRedirects() {}

  static void check(ConfigReader config) {
    for (String id : values(config.optional("rotor.clients").orElse(""))) {
      String prefix = "rotor.client." + id + ".";
      boolean confidential =
          config.optional(prefix + "secret").filter(s -> !s.isBlank()).isPresent();
      // Not a redirect, but read by the same registry at start-up: a bad one is named here too.
      if (config.optional(prefix + "access-token-lifetime").filter(s -> !s.isBlank()).isPresent()) {
        Duration lifetime = config.positiveDuration(prefix + "access-token-lifetime", "PT5M");
        if (lifetime.compareTo(TokenLifetimes.CLIENT_ACCESS_TOKEN_MAX) > 0) {
          config.problem(prefix + "access-token-lifetime", "must be at most P1D");
        }
      }
      for (String key : new String[] {"redirect-uris", "post-logout-redirect-uris"}) {
        for (String uri : values(config.optional(prefix + key).orElse(""))) {
          String problem = problem(uri, confidential);
          if (problem != null) {
            config.problem(prefix + key, "'" + uri + "' " + problem);
          }
        }
      }
      // Rotor posts to it from the server: never a custom scheme, whatever the client's type.
      String logout = config.optional(prefix + "backchannel-logout-uri").orElse("").strip();
      if (!logout.isEmpty()) {
        String problem = problem(logout, true);
        if (problem != null) {
          config.problem(prefix + "backchannel-logout-uri", "'" + logout + "' " + problem);
        }
      }
    }
  }

  /** What is wrong with the URI for such a client; null when nothing is. */
  public static String problem(String uri, boolean confidential) {
    URI parsed;
    try {
      parsed = new URI(uri);
    } catch (URISyntaxException e) {
      return "is not a URI";
    }
    if (!parsed.isAbsolute()) {
      return "must be absolute";
    }
    if (parsed.getRawFragment() != null || uri.contains("#")) {
      return "must not have a fragment";
    }
    String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("https")) {
      return parsed.getHost() == null ? "has no host" : null;
    }
    if (scheme.equals("http")) {
      return parsed.getHost() != null
              && LOOPBACK.contains(parsed.getHost().toLowerCase(Locale.ROOT))
          ? null
          : "may use http only for a loopback host (127.0.0.1, [::1], localhost)";
    }
    if (confidential) {
      return "has a custom scheme, which only a public client (no secret) may use";
    }
    return scheme.contains(".") ? null : "has a custom scheme that is no reverse domain name";
  }

  private static java.util.List<String> values(String value) {
    return Arrays.stream(value.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
  }
}
