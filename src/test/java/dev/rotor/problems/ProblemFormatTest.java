package dev.rotor.problems;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ProblemFormatTest {

  private final ProblemFormat format = new ProblemFormat();

  private static JsonObject json(ErrorAnswer answer) {
    return Json.createReader(new StringReader(answer.body())).readObject();
  }

  @Test
  void aFailureIsAProblemWithItsStatusTitleAndDetail() {
    ErrorAnswer answer = format.render(Failure.of(409, "Conflict", "username: is taken"));

    assertThat(answer.status()).isEqualTo(409);
    assertThat(answer.mediaType()).isEqualTo("application/problem+json");
    assertThat(json(answer))
        .isEqualTo(
            Json.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", "Conflict")
                .add("status", 409)
                .add("detail", "username: is taken")
                .build());
    assertThat(answer.headers()).isEmpty();
  }

  @Test
  void aStatusWithoutWordsOfItsOwnHasNoDetail() {
    ErrorAnswer answer = format.render(Failure.standard(418));

    assertThat(json(answer).containsKey("detail")).isFalse();
    assertThat(json(answer).getString("title")).isEqualTo("HTTP 418");
  }

  @Test
  void invalidParamsNameEachFieldInOrder() {
    Map<String, String> reasons =
        new TreeMap<>(Map.of("username", "is taken", "password", "short"));
    ErrorAnswer answer =
        format.render(Failure.of(400, "Bad Request", "two").withInvalidParams(reasons));

    assertThat(json(answer).getJsonArray("invalid_params").toString())
        .isEqualTo(
            "[{\"name\":\"password\",\"reason\":\"short\"},"
                + "{\"name\":\"username\",\"reason\":\"is taken\"}]");
  }

  @Test
  void every401ChallengesForABearerTokenUnlessItNamesItsOwn() {
    assertThat(format.render(Failure.of(401, "Unauthorized", "no")).header("WWW-Authenticate"))
        .isEqualTo("Bearer");
    assertThat(
            format
                .render(
                    Failure.of(401, "Unauthorized", "no")
                        .withHeader("www-authenticate", "Bearer error=\"invalid_token\""))
                .header("WWW-Authenticate"))
        .isEqualTo("Bearer error=\"invalid_token\"");
  }

  @Test
  void a403ForTheRoleCarriesInsufficientScopeAndOther4xxNoChallenge() {
    assertThat(format.render(Failure.standard(403)).header("WWW-Authenticate"))
        .isEqualTo(Failure.INSUFFICIENT_SCOPE);
    assertThat(format.render(Failure.of(403, "Forbidden", "closed")).header("WWW-Authenticate"))
        .isNull();
    assertThat(format.render(Failure.standard(404)).header("WWW-Authenticate")).isNull();
  }

  @Test
  void headersTheFailureCarriesAreKept() {
    ErrorAnswer answer = format.render(Failure.unavailable("later"));

    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.header("Retry-After")).isEqualTo("2");
    assertThat(format.render(Failure.standard(405).withHeader("Allow", "GET")).header("allow"))
        .isEqualTo("GET");
  }
}
