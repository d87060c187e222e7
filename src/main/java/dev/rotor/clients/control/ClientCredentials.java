package dev.rotor.clients.control;

/**
 * What a request to an OAuth endpoint says about its client (RFC 6749 §2.3, RFC 7521 §4.2): the
 * {@code Authorization} header and the form's {@code client_id}, {@code client_secret}, {@code
 * client_assertion_type} and {@code client_assertion}; any of them may be null.
 */
public record ClientCredentials(
    String authorization,
    String clientId,
    String clientSecret,
    String assertionType,
    String assertion) {

  /** RFC 7523 §2.2: the one assertion type Rotor takes. */
  public static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

  /** An {@code Authorization} header and secret-or-id form fields, without an assertion. */
  public static ClientCredentials of(String authorization, String clientId, String clientSecret) {
    return new ClientCredentials(authorization, clientId, clientSecret, null, null);
  }

  boolean hasBasic() {
    return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
  }

  boolean hasAssertion() {
    return assertionType != null || assertion != null;
  }
}
