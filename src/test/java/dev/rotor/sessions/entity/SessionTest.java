package dev.rotor.sessions.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rotor.users.entity.User;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionTest {

  final Instant now = Instant.parse("2026-11-22T10:00:00Z");
  final User user = new User("alice", "$argon2id$...", Set.of("user"), now);

  @Test
  void aSessionIsActiveUntilItsAbsoluteExpiry() {
    Session session =
        new Session(
            user, "rotor-app", "profile", now, now.plus(Duration.ofDays(30)), "ua", "127.0.0.1");

    assertThat(session.isActive(now)).isTrue();
    assertThat(session.isActive(now.plus(Duration.ofDays(30)).minusMillis(1))).isTrue();
    assertThat(session.isActive(now.plus(Duration.ofDays(30)))).isFalse();
  }

  @Test
  void aSessionMustOutliveItsCreation() {
    assertThatThrownBy(() -> new Session(user, "rotor-app", "profile", now, now, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void touchingNeverMovesLastUseBackwards() {
    Session session =
        new Session(user, "rotor-app", "profile", now, now.plusSeconds(60), null, null);

    session.touch(now.plusSeconds(600));
    session.touch(now.plusSeconds(300));

    assertThat(session.lastUsedAt()).isEqualTo(now.plusSeconds(600));
  }

  @Test
  void lastUseIsRecordedToTheMinute() {
    Session session =
        new Session(user, "rotor-app", "profile", now, now.plusSeconds(3600), null, null);

    session.touch(now.plusSeconds(59));
    assertThat(session.lastUsedAt()).isEqualTo(now);

    session.touch(now.plusSeconds(60));
    session.touch(now.plusSeconds(61));
    assertThat(session.lastUsedAt()).isEqualTo(now.plusSeconds(60));
  }

  @Test
  void overlongClientDetailsAreTruncatedNotRefused() {
    Session session =
        new Session(
            user,
            "rotor-app",
            "profile",
            now,
            now.plusSeconds(60),
            "u".repeat(1000),
            "1".repeat(100));

    assertThat(session.userAgent()).hasSize(255);
    assertThat(session.ipAddress()).hasSize(64);
  }

  @Test
  void aRefreshTokenExpiresAtItsIdleDeadlineAndStartsUnspent() {
    Session session =
        new Session(user, "rotor-app", "profile", now, now.plusSeconds(600), null, null);
    RefreshToken token = new RefreshToken(session, "hash", now, now.plusSeconds(60));

    assertThat(token.isSpent()).isFalse();
    assertThat(token.isExpired(now.plusSeconds(59))).isFalse();
    assertThat(token.isExpired(now.plusSeconds(60))).isTrue();
  }
}
