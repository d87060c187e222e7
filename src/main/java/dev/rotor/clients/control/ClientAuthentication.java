package dev.rotor.clients.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;

/**
 * RFC 6749 §2.3: {@code client_secret_basic}, {@code client_secret_post}, {@code private_key_jwt}
 * (RFC 7523 §2.2), or a bare {@code client_id} for a public client ({@code none}). One method per
 * request, and only the one the client registered (a configured client: either secret method, or
 * none when it is public); anything else is {@link ClientRejected}.
 */
@ApplicationScoped
public class ClientAuthentication {

  @Inject ClientRegistry clients;

  @Inject Clock clock;

  @Inject ClientAssertions assertions;

  protected ClientAuthentication() {}

  /** Over exactly this registry, for tests; assertions are refused. */
  public ClientAuthentication(ClientRegistry clients) {
    this(clients, null, Clock.systemUTC());
  }

  /** Over exactly these, at this clock's time, for tests; no assertions: they are refused. */
  public ClientAuthentication(ClientRegistry clients, Clock clock) {
    this(clients, null, clock);
  }

  /** Over exactly these, for tests. */
  public ClientAuthentication(ClientRegistry clients, ClientAssertions assertions, Clock clock) {
    this.clients = clients;
    this.assertions = assertions;
    this.clock = clock;
  }

  /** The OAuth endpoints: the client the request's credentials prove. */
  public Client authenticate(ClientCredentials credentials) {
    String formClientId = credentials.clientId();
    String formSecret = credentials.clientSecret();
    int methods =
        (credentials.hasBasic() ? 1 : 0)
            + (formSecret != null ? 1 : 0)
            + (credentials.hasAssertion() ? 1 : 0);
    if (methods > 1) {
      throw ClientRejected.malformed("Use one client authentication method, not two.");
    }
    if (credentials.hasAssertion()) {
      return asserted(credentials);
    }
    if (credentials.hasBasic()) {
      String[] idAndSecret = basic(credentials.authorization().substring(6).trim());
      if (formClientId != null && !formClientId.equals(idAndSecret[0])) {
        throw ClientRejected.malformed("client_id does not match the authenticated client.");
      }
      return withSecret(idAndSecret[0], idAndSecret[1], Client.SECRET_BASIC);
    }
    if (formClientId == null || formClientId.isBlank()) {
      throw ClientRejected.failed();
    }
    if (formSecret != null) {
      return withSecret(formClientId, formSecret, Client.SECRET_POST);
    }
    Client client = clients.find(formClientId).orElseThrow(ClientRejected::failed);
    if (client.isConfidential() || !client.allowsAuthMethod(Client.NONE)) {
      throw ClientRejected.failed();
    }
    return client;
  }

  /**
   * The client id a request claims along with a secret (Basic, or {@code client_secret_post}), or
   * null when it sends no secret or an unreadable Basic header: what a throttle counts wrong
   * secrets for, before {@link #authenticate} checks them.
   */
  public static String secretClaimant(
      String authorization, String formClientId, String formSecret) {
    if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String id = basic(authorization.substring(6).trim())[0];
        return id.isBlank() ? null : id;
      } catch (ClientRejected e) {
        return null;
      }
    }
    return formSecret != null && formClientId != null && !formClientId.isBlank()
        ? formClientId
        : null;
  }

  /**
   * The first-party login's JSON body: no id means {@code rotor-app}; a confidential client adds
   * its secret, a public one needs none (and a secret it sends is ignored). Only first-party
   * clients may take a user's password ({@code rotor-app} and {@code first-party=true}); a third
   * party signs users in through the browser, where the password goes to Rotor's own page. A {@code
   * private_key_jwt} client has no secret, so it cannot log in here.
   */
  public Client authenticateLogin(String clientId, String secret) {
    if (clientId == null) {
      return clients.firstParty();
    }
    Client client =
        clients
            .find(clientId)
            .filter(c -> !c.isConfidential() || c.secretMatches(secret, clock.instant()))
            .orElseThrow(ClientRejected::failed);
    if (!client.firstParty()) {
      throw ClientRejected.notAllowed(
          "This client may not use the password login: a third-party client signs users in"
              + " through the browser (/oauth2/authorize).");
    }
    return client;
  }

  /** RFC 7521 §4.2: the one assertion type, with an assertion. */
  private Client asserted(ClientCredentials credentials) {
    if (credentials.assertionType() == null || credentials.assertion() == null) {
      throw ClientRejected.malformed(
          "client_assertion and client_assertion_type go together: send both, or neither.");
    }
    if (!credentials.assertionType().equals(ClientCredentials.JWT_BEARER)) {
      throw ClientRejected.malformed(
          "client_assertion_type must be " + ClientCredentials.JWT_BEARER + ".");
    }
    if (assertions == null) {
      throw ClientRejected.failed();
    }
    return assertions.authenticate(credentials.assertion(), credentials.clientId());
  }

  /** A secret that matches, sent the way the client registered. */
  private Client withSecret(String id, String secret, String method) {
    Client client = clients.find(id).orElse(null);
    boolean matches = client != null && client.secretMatches(secret, clock.instant());
    if (!matches || !client.allowsAuthMethod(method)) {
      throw ClientRejected.failed();
    }
    return client;
  }

  /** RFC 6749 §2.3.1: id and secret are form-urlencoded before they are joined and encoded. */
  private static String[] basic(String encoded) {
    try {
      String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        throw ClientRejected.failed();
      }
      return new String[] {
        URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
        URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)
      };
    } catch (IllegalArgumentException e) {
      throw ClientRejected.failed();
    }
  }
}
