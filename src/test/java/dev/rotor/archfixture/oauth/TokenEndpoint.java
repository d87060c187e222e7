package dev.rotor.archfixture.oauth;

/** The OAuth face, which nothing may depend on. */
public class TokenEndpoint {

  public static final String INVALID_GRANT = new String("invalid_grant");
}
