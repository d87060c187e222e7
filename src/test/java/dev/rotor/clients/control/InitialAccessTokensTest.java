package dev.rotor.clients.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rotor.problems.ProblemException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InitialAccessTokensTest {

  @Test
  void theDefaultsAreADayAndOneUseAsInKeycloak() {
    var terms = InitialAccessTokens.Terms.of(null, null);
    assertThat(terms.lifetime()).isEqualTo(Duration.ofHours(24));
    assertThat(terms.maxUses()).isEqualTo(1);
  }

  @Test
  void anAdminChoosesWithinTheBounds() {
    var terms = InitialAccessTokens.Terms.of(2_592_000L, 1000L);
    assertThat(terms.lifetime()).isEqualTo(Duration.ofDays(30));
    assertThat(terms.maxUses()).isEqualTo(1000);
    assertThat(InitialAccessTokens.Terms.of(1L, 1L).lifetime()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void outsideTheBoundsIsABadRequestNamingTheField() {
    for (long seconds : new long[] {0, -1, 2_592_001, Long.MAX_VALUE}) {
      assertThatThrownBy(() -> InitialAccessTokens.Terms.of(seconds, null))
          .isInstanceOfSatisfying(
              ProblemException.class, e -> assertThat(e.field()).isEqualTo("expires_in"));
    }
    for (long uses : new long[] {0, -5, 1001, Long.MIN_VALUE}) {
      assertThatThrownBy(() -> InitialAccessTokens.Terms.of(null, uses))
          .isInstanceOfSatisfying(
              ProblemException.class, e -> assertThat(e.field()).isEqualTo("max_uses"));
    }
  }

  @Test
  void theBearerTokenIsReadAsRfc6750WritesIt() {
    assertThat(InitialAccessTokens.bearer("Bearer abc.DEF-_~+/=")).contains("abc.DEF-_~+/=");
    assertThat(InitialAccessTokens.bearer("bearer abc")).contains("abc");
    assertThat(InitialAccessTokens.bearer(null)).isEmpty();
    assertThat(InitialAccessTokens.bearer("Bearer ")).isEmpty();
    assertThat(InitialAccessTokens.bearer("Basic abc")).isEmpty();
    assertThat(InitialAccessTokens.bearer("Bearer a b")).isEmpty();
    assertThat(InitialAccessTokens.bearer("Bearer " + "a".repeat(4097))).isEmpty();
  }
}
