package dev.rotor.sessions.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.sessions.entity.Session;
import dev.rotor.users.entity.User;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RefreshRulesTest {

  final Instant now = Instant.parse("2026-12-02T10:00:00Z");
  final User user = new User("alice", "$argon2id$...", Set.of("user"), now);

  Session session(String clientId, String scope) {
    return new Session(user, clientId, scope, now, now.plus(Duration.ofDays(30)), null, null);
  }

  static RefreshRejected.Reason reasonOf(Runnable refresh) {
    try {
      refresh.run();
    } catch (RefreshRejected e) {
      return e.reason();
    }
    throw new AssertionError("the refresh was not rejected");
  }

  @Test
  void withoutARequestedScopeTheAccessTokenGetsTheSessionsScope() {
    assertThat(RefreshRules.accessScope(session("app", "profile email"), "app", null, now))
        .isEqualTo("profile email");
  }

  @Test
  void aRequestedScopeMayNarrowTheAccessTokensScope() {
    assertThat(
            RefreshRules.accessScope(session("app", "profile email"), "app", Set.of("email"), now))
        .isEqualTo("email");
  }

  @Test
  void aRequestedScopeMayNotWidenIt() {
    assertThat(
            reasonOf(
                () ->
                    RefreshRules.accessScope(
                        session("app", "profile"), "app", Set.of("profile", "admin"), now)))
        .isEqualTo(RefreshRejected.Reason.WIDER_SCOPE);
  }

  @Test
  void anotherClientsTokenIsRefused() {
    assertThat(
            reasonOf(() -> RefreshRules.accessScope(session("app", "profile"), "other", null, now)))
        .isEqualTo(RefreshRejected.Reason.OTHER_CLIENT);
  }

  @Test
  void aRevokedOrExpiredSessionOrADisabledUserEndsTheChain() {
    Session expired = session("app", "profile");
    assertThat(
            reasonOf(
                () ->
                    RefreshRules.accessScope(expired, "app", null, now.plus(Duration.ofDays(30)))))
        .isEqualTo(RefreshRejected.Reason.SESSION_ENDED);

    User disabled = new User("bob", "$argon2id$...", Set.of("user"), now);
    disabled.disable();
    Session ofDisabled =
        new Session(disabled, "app", "profile", now, now.plus(Duration.ofDays(1)), null, null);
    assertThat(reasonOf(() -> RefreshRules.accessScope(ofDisabled, "app", null, now)))
        .isEqualTo(RefreshRejected.Reason.SESSION_ENDED);
  }

  @Test
  void theClientIsCheckedBeforeTheSession() {
    Session expired = session("app", "profile");
    assertThat(
            reasonOf(
                () ->
                    RefreshRules.accessScope(
                        expired, "other", null, now.plus(Duration.ofDays(31)))))
        .isEqualTo(RefreshRejected.Reason.OTHER_CLIENT);
  }

  @Test
  void withoutAGraceASpentTokenIsAlwaysAReplay() {
    assertThat(RefreshRules.withinGrace(now, Duration.ZERO, now)).isFalse();
  }

  @Test
  void aGraceCoversItsWindowAndNoMore() {
    Duration grace = Duration.ofSeconds(10);
    assertThat(RefreshRules.withinGrace(now, grace, now.plusSeconds(10))).isTrue();
    assertThat(RefreshRules.withinGrace(now, grace, now.plusSeconds(10).plusMillis(1))).isFalse();
  }

  @Test
  void aRefreshTokenNeverOutlivesItsSession() {
    Instant sessionEnd = now.plus(Duration.ofDays(3));
    assertThat(Session.refreshTokenExpiry(now.plus(Duration.ofDays(14)), sessionEnd))
        .isEqualTo(sessionEnd);
    assertThat(Session.refreshTokenExpiry(now.plus(Duration.ofDays(1)), sessionEnd))
        .isEqualTo(now.plus(Duration.ofDays(1)));
  }

  @Test
  void aSessionIssuesTokensThatEndWithIt() {
    Session shortOne =
        new Session(user, "app", "profile", now, now.plus(Duration.ofHours(1)), null, null);
    assertThat(shortOne.issueRefreshToken("hash", now, Duration.ofDays(14)).expiresAt())
        .isEqualTo(now.plus(Duration.ofHours(1)));
  }
}
