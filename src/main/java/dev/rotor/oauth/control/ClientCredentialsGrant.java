package dev.rotor.oauth.control;

import dev.rotor.audit.control.AuditLog;
import dev.rotor.audit.control.Origin;
import dev.rotor.audit.entity.AuditEvent;
import dev.rotor.clients.control.Client;
import dev.rotor.clients.control.ClientRegistry;
import dev.rotor.keys.control.AccessTokenIssuer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Set;

/**
 * RFC 6749 §4.4: a confidential client that has the grant gets an access token for itself, with
 * itself as the subject, its audiences, its access-token lifetime and the scope it asks for within
 * its own (all of its own when it asks for none). No refresh token and no session: it can ask again
 * with its credentials. Each grant is audited as {@code CLIENT_CREDENTIALS_GRANTED}.
 */
@ApplicationScoped
public class ClientCredentialsGrant {

  @Inject AccessTokenIssuer issuer;

  @Inject AuditLog audit;

  /** The token and the scope it carries. */
  public record Granted(AccessTokenIssuer.AccessToken token, String scope) {}

  /** For an authenticated client; {@code requestedScope} may be null. */
  public Granted grant(Client client, String requestedScope, Origin origin, Instant now) {
    if (!client.isConfidential()) {
      throw new OAuthError(
          400,
          "unauthorized_client",
          "The client credentials grant is for confidential clients only.");
    }
    if (!client.mayUse(ClientRegistry.CLIENT_CREDENTIALS_GRANT)) {
      throw new OAuthError(400, "unauthorized_client", "The client may not use this grant.");
    }
    String scope = scope(client, requestedScope);
    var token =
        issuer.issue(
            AccessTokenIssuer.Subject.ofClient(client.id(), scope),
            client.audiences(),
            client.accessTokenLifetime(),
            now);
    audit.record(
        AuditLog.Entry.of(AuditEvent.Type.CLIENT_CREDENTIALS_GRANTED, origin)
            .reason("client " + client.id() + ", scope " + scope)
            .at(now));
    return new Granted(token, scope);
  }

  /**
   * The scope of the token: the one asked for when the client may have all of it (RFC 6749 §3.3),
   * or every scope of the client when none is asked for; anything wider is {@code invalid_scope}.
   */
  static String scope(Client client, String requested) {
    if (requested == null || requested.isBlank()) {
      return client.scope();
    }
    Set<String> asked = ClientRegistry.list(requested);
    if (!client.scopes().containsAll(asked)) {
      throw new OAuthError(
          400, "invalid_scope", "The scope asks for more than the client may have.");
    }
    return String.join(" ", asked);
  }
}
