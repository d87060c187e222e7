package dev.rotor.oauth.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * RFC 6749 §2.3: {@code client_secret_basic}, {@code client_secret_post}, or a bare {@code
 * client_id} for a public client. One method per request; anything else is {@code invalid_client}.
 */
@ApplicationScoped
public class ClientAuthentication {

  @Inject OAuthClients clients;

  public OAuthClients.Client authenticate(
      String authorization, String formClientId, String formSecret) {
    if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      if (formSecret != null) {
        throw OAuthError.invalidRequest("Use one client authentication method, not two.");
      }
      String[] idAndSecret = basic(authorization.substring(6).trim());
      if (formClientId != null && !formClientId.equals(idAndSecret[0])) {
        throw OAuthError.invalidRequest("client_id does not match the authenticated client.");
      }
      return confidential(idAndSecret[0], idAndSecret[1]);
    }
    if (formClientId == null || formClientId.isBlank()) {
      throw OAuthError.invalidClient();
    }
    if (formSecret != null) {
      return confidential(formClientId, formSecret);
    }
    OAuthClients.Client client = clients.find(formClientId).orElseThrow(OAuthError::invalidClient);
    if (client.isConfidential()) {
      throw OAuthError.invalidClient();
    }
    return client;
  }

  private OAuthClients.Client confidential(String id, String secret) {
    OAuthClients.Client client = clients.find(id).orElse(null);
    if (client == null || !client.secretMatches(secret)) {
      throw OAuthError.invalidClient();
    }
    return client;
  }

  private static String[] basic(String encoded) {
    try {
      String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        throw OAuthError.invalidClient();
      }
      return new String[] {
        URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
        URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)
      };
    } catch (IllegalArgumentException e) {
      throw OAuthError.invalidClient();
    }
  }
}
