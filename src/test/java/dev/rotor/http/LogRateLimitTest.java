package dev.rotor.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.testing.SteppedClock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LogRateLimitTest {

  final SteppedClock clock = new SteppedClock();
  final LogRateLimit limit = new LogRateLimit(clock, Duration.ofMinutes(1), 3);

  @Test
  void theFirstOfACauseIsLoggedAtOnceAndTheRestOfTheMinuteIsOnlyCounted() {
    assertThat(limit.admit("bad signature")).contains(new LogRateLimit.Line("bad signature", 0));
    for (int i = 0; i < 999; i++) {
      clock.advance(Duration.ofMillis(50));
      assertThat(limit.admit("bad signature")).isEmpty();
    }
  }

  @Test
  void theFirstAfterTheMinuteIsLoggedWithTheCountOfThoseNotLogged() {
    limit.admit("bad signature");
    for (int i = 0; i < 41; i++) {
      limit.admit("bad signature");
    }
    clock.advance(Duration.ofSeconds(59));
    assertThat(limit.admit("bad signature")).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(limit.admit("bad signature")).contains(new LogRateLimit.Line("bad signature", 42));
    assertThat(limit.admit("bad signature")).isEmpty();
    clock.advance(Duration.ofHours(3));
    assertThat(limit.admit("bad signature")).contains(new LogRateLimit.Line("bad signature", 1));
  }

  @Test
  void eachCauseHasItsOwnMinute() {
    assertThat(limit.admit("bad signature")).isPresent();
    assertThat(limit.admit("not a JWT")).isPresent();
    assertThat(limit.admit("bad signature")).isEmpty();
    assertThat(limit.admit("not a JWT")).isEmpty();
  }

  @Test
  void aClockSetBackStartsANewMinuteInsteadOfMutingTheCause() {
    limit.admit("bad signature");
    limit.admit("bad signature");
    clock.advance(Duration.ofMinutes(-10));
    assertThat(limit.admit("bad signature")).contains(new LogRateLimit.Line("bad signature", 1));
  }

  @Test
  void causesBeyondTheTableShareOneLineAMinute() {
    limit.admit("a");
    limit.admit("b");
    limit.admit("c");
    assertThat(limit.admit("d")).contains(new LogRateLimit.Line(LogRateLimit.OTHER, 0));
    for (int i = 0; i < 100; i++) {
      assertThat(limit.admit("invented " + i)).isEmpty();
    }
    assertThat(limit.admit("a")).isEmpty();
    clock.advance(Duration.ofMinutes(1));
    assertThat(limit.admit("e")).contains(new LogRateLimit.Line("e", 0));
  }

  @Test
  void aCauseWithACountToReportIsNotForgotten() {
    limit.admit("a");
    limit.admit("a");
    limit.admit("b");
    limit.admit("c");
    clock.advance(Duration.ofMinutes(1));
    Optional<LogRateLimit.Line> newcomer = limit.admit("d");
    assertThat(newcomer).contains(new LogRateLimit.Line("d", 0));
    assertThat(limit.admit("a")).contains(new LogRateLimit.Line("a", 1));
  }
}
