package dev.rotor.oauth.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LogoutOutboxTest {

  @Test
  void eachFailureDoublesTheWaitFromThirtySeconds() {
    assertThat(LogoutOutbox.retryAfter(1)).contains(Duration.ofSeconds(30));
    assertThat(LogoutOutbox.retryAfter(2)).contains(Duration.ofMinutes(1));
    assertThat(LogoutOutbox.retryAfter(3)).contains(Duration.ofMinutes(2));
    assertThat(LogoutOutbox.retryAfter(4)).contains(Duration.ofMinutes(4));
  }

  @Test
  void theFifthFailureGivesUpAfterSevenAndAHalfMinutesOfRetries() {
    assertThat(LogoutOutbox.retryAfter(LogoutOutbox.MAX_ATTEMPTS)).isEmpty();
    assertThat(LogoutOutbox.retryAfter(LogoutOutbox.MAX_ATTEMPTS + 1)).isEmpty();
    Duration total =
        IntStream.range(1, LogoutOutbox.MAX_ATTEMPTS)
            .mapToObj(failed -> LogoutOutbox.retryAfter(failed).orElseThrow())
            .reduce(Duration.ZERO, Duration::plus);
    assertThat(total).isEqualTo(Duration.ofSeconds(450));
  }

  @Test
  void noFailureYetMeansNoWait() {
    assertThat(LogoutOutbox.retryAfter(0)).isEmpty();
  }
}
