package dev.rotor.oauth.control;

import dev.rotor.audit.control.Origin;
import dev.rotor.clients.control.Client;
import dev.rotor.keys.control.AccessTokenVerifier;
import dev.rotor.sessions.control.RefreshTokenLookup;
import dev.rotor.sessions.control.SessionRevocation;
import dev.rotor.sessions.entity.RefreshToken;
import dev.rotor.sessions.entity.Session;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;

/**
 * RFC 7009: a refresh token, or an access token, revokes its whole session. Unknown tokens are no
 * error; another client's token is refused.
 */
@ApplicationScoped
public class TokenRevocation {

  @Inject RefreshTokenLookup lookup;

  @Inject AccessTokenVerifier verifier;

  @Inject SessionRevocation revocation;

  @Inject Clock clock;

  public void revoke(String token, Client client, Origin origin) {
    Optional<Session> session =
        lookup
            .find(token)
            .map(RefreshToken::session)
            .or(
                () ->
                    verifier
                        .verify(token)
                        .flatMap(claims -> lookup.session((String) claims.getClaim("sid"))));
    if (session.isEmpty()) {
      return;
    }
    if (!session.get().clientId().equals(client.id())) {
      throw OAuthError.invalidRequest("The token was issued to another client.");
    }
    revocation.end(
        session.get(),
        SessionRevocation.Ending.CLIENT_REVOCATION,
        "revoked by client " + client.id(),
        origin,
        clock.instant());
  }
}
