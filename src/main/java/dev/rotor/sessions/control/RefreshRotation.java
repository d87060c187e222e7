package dev.rotor.sessions.control;

import dev.rotor.audit.control.Origin;
import dev.rotor.persistence.DatabaseKind;
import dev.rotor.security.SecretTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Spends a refresh token and issues its successor. On PostgreSQL a valid token is rotated by one
 * statement ({@link PostgresRotation}: spend, successor, last use and audit event at once, no
 * transaction to coordinate); whatever that statement does not rotate, and everything on other
 * databases, goes through {@link JpaRotation}, which finds out why and answers it.
 */
@ApplicationScoped
public class RefreshRotation {

  @Inject PostgresRotation postgres;

  @Inject JpaRotation jpa;

  @Inject TokenPairIssuer pairs;

  @Inject DatabaseKind database;

  @Inject UnconfirmedRotations unconfirmed;

  /**
   * Rotates for the given client (RFC 6749 §10.4: a token works only for the client it was issued
   * to). A requested scope may narrow the new access token's scope, never widen it; the session and
   * its refresh tokens keep theirs (§6).
   *
   * @throws RefreshRejected when the token cannot be used, saying why
   */
  public TokenPair rotate(
      String presented, String clientId, Set<String> scope, Origin origin, Instant now) {
    if (database == DatabaseKind.POSTGRESQL) {
      String presentedHash = SecretTokens.hash(presented);
      // A refresh of this token whose answer was lost did not happen, for the client: undo it,
      // whichever path rotates the token now.
      unconfirmed.settleBefore(presentedHash);
      if (scope == null) {
        String successor = SecretTokens.mint();
        Optional<PostgresRotation.Rotated> rotated =
            postgres.rotate(presentedHash, clientId, SecretTokens.hash(successor), origin, now);
        if (rotated.isPresent()) {
          return pairs.pair(
              rotated.get().subject(), successor, rotated.get().refreshExpiresAt(), now);
        }
      }
    }
    return jpa.rotate(presented, clientId, scope, origin, now);
  }
}
