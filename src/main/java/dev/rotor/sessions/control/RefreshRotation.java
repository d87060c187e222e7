package dev.rotor.sessions.control;

import dev.rotor.audit.control.Origin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Spends a refresh token and issues its successor. On PostgreSQL a valid token is rotated by one
 * statement (spend, successor, last use and audit event at once, no transaction to coordinate);
 * whatever that statement does not rotate, and everything on H2, goes through {@link
 * CheckedRotation}, which finds out why and answers it: unknown, expired, ended, another client's,
 * or a replay that revokes the session.
 */
@ApplicationScoped
public class RefreshRotation {

  @Inject RotationStatement statement;

  @Inject CheckedRotation checked;

  @Inject TokenGrant grant;

  /**
   * Rotates for the given client (RFC 6749 §10.4: a token works only for the client it was issued
   * to). A requested scope may narrow the new access token's scope, never widen it; the session and
   * its refresh tokens keep theirs (§6).
   */
  public TokenPair rotate(
      String presented, String clientId, Set<String> scope, Origin origin, Instant now) {
    if (scope == null && statement.isAvailable()) {
      String successor = RefreshTokenMint.mint();
      Optional<RotationStatement.Rotated> rotated =
          statement.rotate(
              RefreshTokenMint.hash(presented),
              clientId,
              RefreshTokenMint.hash(successor),
              origin,
              now);
      if (rotated.isPresent()) {
        return grant.withAccessToken(
            rotated.get().subject(), successor, rotated.get().refreshExpiresAt(), now);
      }
    }
    return checked.rotate(presented, clientId, scope, origin, now);
  }
}
