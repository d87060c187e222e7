package dev.rotor.configuration;

import java.net.URI;
import java.util.Locale;

/**
 * Who signs and for whom: {@code rotor.issuer}, the {@code iss} of every token and the base of
 * every URL in the metadata, and {@code rotor.audience}, the {@code aud} of access tokens.
 */
public record IssuerSettings(String issuer, String audience) {

  public static final String ISSUER = "rotor.issuer";
  public static final String AUDIENCE = "rotor.audience";

  public static IssuerSettings read(ConfigReader config) {
    String audience = config.string(AUDIENCE, "rotor");
    if (audience.isBlank()) {
      config.problem(AUDIENCE, "must not be blank");
      audience = "rotor";
    }
    return new IssuerSettings(issuer(config), audience);
  }

  /**
   * An https URL, or http on a loopback host only: tokens, codes and the {@code rotor_sso} cookie
   * must never cross a network in clear text (a test or a laptop may use plain http locally).
   */
  private static String issuer(ConfigReader config) {
    String fallback = "http://localhost:8080";
    String issuer = config.url(ISSUER, fallback);
    URI uri = URI.create(issuer);
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("http") && !isLoopback(uri.getHost())) {
      config.problem(
          ISSUER,
          "an http: issuer is allowed only on a loopback host (127.0.0.0/8, ::1, localhost);"
              + " use https, got '"
              + issuer
              + "'");
      return fallback;
    }
    if (!scheme.equals("http") && !scheme.equals("https")) {
      config.problem(ISSUER, "must be an https URL, got '" + issuer + "'");
      return fallback;
    }
    return issuer;
  }

  /**
   * Loopback by its literal form only, never by a name lookup: {@code localhost}, an IPv4 address
   * in 127.0.0.0/8, or {@code ::1} in any of its spellings.
   */
  static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost")) {
      return true;
    }
    if (h.matches("127(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}")) {
      return true;
    }
    if (h.startsWith("[") && h.endsWith("]")) {
      String[] groups = h.substring(1, h.length() - 1).split(":", -1);
      // ::1, 0:0:0:0:0:0:0:1, 0::1, ...: every group empty or zero except a last group of 1.
      return groups.length >= 3
          && groups.length <= 8
          && groups[groups.length - 1].matches("0{0,3}1")
          && java.util.Arrays.stream(groups, 0, groups.length - 1)
              .allMatch(g -> g.matches("0{0,4}"));
    }
    return false;
  }

  /** The issuer without a trailing slash, to which endpoint paths are appended. */
  public String base() {
    return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
  }
}
