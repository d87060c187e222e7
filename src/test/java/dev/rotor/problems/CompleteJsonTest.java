package dev.rotor.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CompleteJsonTest {

  @Test
  void jsonThatEndsInsideAValueIsRefused() {
    for (String body :
        new String[] {"{\"a\":{\"a\":1", "{\"a\":[1", "[", "{", "{\"a\":", "[".repeat(5000)}) {
      assertThatThrownBy(() -> CompleteJson.check(bytes(body), StandardCharsets.UTF_8))
          .as(body)
          .isInstanceOf(ProblemException.class);
    }
  }

  @Test
  void completeJsonPasses() {
    for (String body : new String[] {"{}", "{\"a\":{\"a\":[1,2]}}", "[]", "\"x\"", "null"}) {
      assertThatCode(() -> CompleteJson.check(bytes(body), StandardCharsets.UTF_8))
          .as(body)
          .doesNotThrowAnyException();
    }
  }

  @Test
  void aNulInAnyStringIsRefused() {
    for (String body :
        new String[] {
          "{\"username\":\"a\\u0000b\"}",
          "{\"a\\u0000\":1}",
          "{\"roles\":[\"user\",\"\\u0000\"]}",
          "[[{\"a\":\"\\u0000\"}]]",
          "\"\\u0000\""
        }) {
      assertThatThrownBy(() -> CompleteJson.check(bytes(body), StandardCharsets.UTF_8))
          .as(body)
          .isInstanceOfSatisfying(
              ProblemException.class, e -> assertThat(e.detail()).contains("NUL"));
    }
    assertThatCode(() -> CompleteJson.check(bytes("{\"a\":\"\\\\u0000\"}"), StandardCharsets.UTF_8))
        .as("an escaped backslash before u0000 is text, no NUL")
        .doesNotThrowAnyException();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
