package dev.rotor.problems;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each mapper tells its format, before any format renders it. */
class MapperFailuresTest {

  @Test
  void aProblemExceptionKeepsItsWordsItsFieldAndWhenToRetry() {
    Failure field =
        ProblemExceptionMapper.failure(ProblemException.invalidField("page", "must be 0 or more"));
    assertThat(field.status()).isEqualTo(400);
    assertThat(field.detail()).isEqualTo("page: must be 0 or more");
    assertThat(field.invalidParams()).isEqualTo(Map.of("page", "must be 0 or more"));
    assertThat(field.headers()).isEmpty();

    Failure busy =
        ProblemExceptionMapper.failure(
            ProblemException.unavailable("Too many waiting.", Duration.ofMillis(1500)));
    assertThat(busy.status()).isEqualTo(503);
    assertThat(busy.invalidParams()).isNull();
    assertThat(busy.header("Retry-After")).isEqualTo("2");
  }

  @Test
  void aBodyThatIsNoJsonIsTheClientsAndALostDatabaseA503() {
    Failure json = UnexpectedExceptionMapper.failure(new JsonException("cut short"));
    assertThat(json.status()).isEqualTo(400);
    assertThat(json.detail()).isEqualTo("The request body is not valid JSON for this endpoint.");

    Failure lost =
        UnexpectedExceptionMapper.failure(
            new IllegalStateException(new SQLTransientConnectionException("gone", "08006")));
    assertThat(lost.status()).isEqualTo(503);
    assertThat(lost.header("Retry-After")).isEqualTo("2");
  }

  @Test
  void anythingElseIsA500QuotingAnIncidentAndNotTheMessage() {
    Failure failure = UnexpectedExceptionMapper.failure(new IllegalStateException("secret"));
    assertThat(failure.status()).isEqualTo(500);
    assertThat(failure.detail())
        .startsWith("Unexpected failure; incident ")
        .doesNotContain("secret");
  }
}
