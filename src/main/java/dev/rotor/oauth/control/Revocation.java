package dev.rotor.oauth.control;

import dev.rotor.audit.control.AuditLog;
import dev.rotor.audit.control.Origin;
import dev.rotor.audit.entity.AuditEvent;
import dev.rotor.keys.control.AccessTokenVerifier;
import dev.rotor.sessions.control.PresentedTokens;
import dev.rotor.sessions.control.SessionRevocation;
import dev.rotor.sessions.entity.RefreshToken;
import dev.rotor.sessions.entity.Session;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;

/**
 * RFC 7009: a refresh token, or an access token, revokes its whole session. Unknown tokens are no
 * error; another client's token is refused.
 */
@ApplicationScoped
public class Revocation {

  @PersistenceContext EntityManager em;

  @Inject PresentedTokens presentedTokens;

  @Inject AccessTokenVerifier verifier;

  @Inject SessionRevocation revocation;

  @Inject AuditLog audit;

  @Inject Clock clock;

  public void revoke(String token, OAuthClients.Client client, Origin origin) {
    Session session =
        presentedTokens
            .find(token)
            .map(RefreshToken::session)
            .orElseGet(
                () ->
                    verifier
                        .verify(token)
                        .map(claims -> em.find(Session.class, (String) claims.getClaim("sid")))
                        .orElse(null));
    if (session == null) {
      return;
    }
    if (!session.clientId().equals(client.id())) {
      throw OAuthError.invalidRequest("The token was issued to another client.");
    }
    if (revocation.revoke(session.id(), "revocation", clock.instant())) {
      audit.record(
          AuditEvent.Type.SESSION_REVOKED,
          session.user().id(),
          session.user().username(),
          session.id(),
          origin,
          "revoked by client " + client.id());
    }
  }
}
