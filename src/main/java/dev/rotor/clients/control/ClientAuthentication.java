package dev.rotor.clients.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;

/**
 * RFC 6749 §2.3: {@code client_secret_basic}, {@code client_secret_post}, or a bare {@code
 * client_id} for a public client. One method per request; anything else is {@link ClientRejected}.
 */
@ApplicationScoped
public class ClientAuthentication {

  @Inject ClientRegistry clients;

  @Inject Clock clock;

  protected ClientAuthentication() {}

  /** Over exactly this registry, for tests. */
  public ClientAuthentication(ClientRegistry clients) {
    this(clients, Clock.systemUTC());
  }

  /** Over exactly this registry, at this clock's time, for tests. */
  public ClientAuthentication(ClientRegistry clients, Clock clock) {
    this.clients = clients;
    this.clock = clock;
  }

  /** The OAuth endpoints: an {@code Authorization} header or form fields, either may be null. */
  public Client authenticate(String authorization, String formClientId, String formSecret) {
    if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      if (formSecret != null) {
        throw ClientRejected.malformed("Use one client authentication method, not two.");
      }
      String[] idAndSecret = basic(authorization.substring(6).trim());
      if (formClientId != null && !formClientId.equals(idAndSecret[0])) {
        throw ClientRejected.malformed("client_id does not match the authenticated client.");
      }
      return confidential(idAndSecret[0], idAndSecret[1]);
    }
    if (formClientId == null || formClientId.isBlank()) {
      throw ClientRejected.failed();
    }
    if (formSecret != null) {
      return confidential(formClientId, formSecret);
    }
    Client client = clients.find(formClientId).orElseThrow(ClientRejected::failed);
    if (client.isConfidential()) {
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
   * party signs users in through the browser, where the password goes to Rotor's own page.
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

  private Client confidential(String id, String secret) {
    Client client = clients.find(id).orElse(null);
    if (client == null || !client.secretMatches(secret, clock.instant())) {
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
