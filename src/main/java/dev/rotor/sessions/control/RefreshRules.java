package dev.rotor.sessions.control;

import dev.rotor.sessions.entity.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * The decisions of a refresh that need no database: whose token it is, whether its session still
 * counts, how far a requested scope may go, and whether a spent token is still within the grace of
 * a client's own retry. {@link JpaRotation} applies them; {@link PostgresRotation} states the same
 * conditions in SQL.
 */
final class RefreshRules {

  private RefreshRules() {}

  /**
   * The scope of the new access token, or why there is none. RFC 6749 §10.4: a token works only for
   * the client it was issued to; §6: a requested scope may narrow the access token's scope, never
   * widen it (the session keeps its own).
   */
  static String accessScope(Session session, String clientId, Set<String> requested, Instant now) {
    if (!session.clientId().equals(clientId)) {
      throw new RefreshRejected(RefreshRejected.Reason.OTHER_CLIENT);
    }
    if (!session.isUsable(now)) {
      throw new RefreshRejected(RefreshRejected.Reason.SESSION_ENDED);
    }
    if (requested == null) {
      return session.scope();
    }
    if (!Set.of(session.scope().split(" ")).containsAll(requested)) {
      throw new RefreshRejected(RefreshRejected.Reason.WIDER_SCOPE);
    }
    return String.join(" ", requested);
  }

  /**
   * Whether a token spent at {@code spentAt} may still stand for its successor: only with a grace
   * configured, and only until it has passed.
   */
  static boolean withinGrace(Instant spentAt, Duration grace, Instant now) {
    return !grace.isZero() && !spentAt.plus(grace).isBefore(now);
  }
}
