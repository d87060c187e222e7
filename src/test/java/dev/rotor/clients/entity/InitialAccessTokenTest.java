package dev.rotor.clients.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rotor.clients.entity.InitialAccessToken.State;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class InitialAccessTokenTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);
  static final Instant NOW = CLOCK.instant();

  static InitialAccessToken token(Duration lifetime, int uses) {
    return new InitialAccessToken("id", "hash", NOW, NOW.plus(lifetime), uses, "admin");
  }

  @Test
  void aNewTokenIsUsableUntilItsExpiryAndNotAtIt() {
    InitialAccessToken token = token(Duration.ofHours(24), 1);
    assertThat(token.state(NOW)).isEqualTo(State.ACTIVE);
    assertThat(token.isUsable(NOW.plus(Duration.ofHours(24)).minusMillis(1))).isTrue();
    assertThat(token.state(NOW.plus(Duration.ofHours(24)))).isEqualTo(State.EXPIRED);
    assertThat(token.spend(NOW.plus(Duration.ofHours(25))))
        .as("expired: nothing to spend")
        .isFalse();
    assertThat(token.uses()).isZero();
  }

  @Test
  void eachUseIsCountedUpToItsMaximum() {
    InitialAccessToken token = token(Duration.ofHours(1), 2);
    assertThat(token.spend(NOW)).isTrue();
    assertThat(token.state(NOW)).isEqualTo(State.ACTIVE);
    assertThat(token.spend(NOW)).isTrue();
    assertThat(token.state(NOW)).isEqualTo(State.USED_UP);
    assertThat(token.spend(NOW)).isFalse();
    assertThat(token.uses()).isEqualTo(2);
  }

  @Test
  void aRevokedTokenIsRevokedWhateverElseHolds() {
    InitialAccessToken token = token(Duration.ofHours(1), 1);
    assertThat(token.revoke(NOW)).isTrue();
    assertThat(token.revoke(NOW.plusSeconds(5))).as("the first revocation stands").isFalse();
    assertThat(token.revokedAt()).isEqualTo(NOW);
    assertThat(token.state(NOW)).isEqualTo(State.REVOKED);
    assertThat(token.state(NOW.plus(Duration.ofDays(2)))).isEqualTo(State.REVOKED);
    assertThat(token.spend(NOW)).isFalse();
  }

  @Test
  void aTokenNeedsAFutureExpiryAndAtLeastOneUse() {
    assertThatThrownBy(() -> token(Duration.ZERO, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> token(Duration.ofHours(1), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void statesHaveTheNamesTheApiShows() {
    assertThat(State.USED_UP.value()).isEqualTo("used_up");
    assertThat(State.ACTIVE.value()).isEqualTo("active");
  }
}
