package dev.rotor.configuration;

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
    return new IssuerSettings(config.url(ISSUER, "http://localhost:8080"), audience);
  }

  /** The issuer without a trailing slash, to which endpoint paths are appended. */
  public String base() {
    return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
  }
}
