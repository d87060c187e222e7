package dev.rotor.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rotor.problems.ProblemException;
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

  /**
   * As deep as the parser allows, objects and arrays, on a thread with a request thread's small
   * stack: the NUL check recursed through streams and overflowed at about 900 nested objects, a
   * 500.
   */
  @Test
  void nestingAsDeepAsTheParserAllowsIsCheckedWithoutOverflowingTheStack() throws Exception {
    int depth = 990;
    String objects = "{\"a\":".repeat(depth) + "\"\\u0000\"" + "}".repeat(depth);
    String arrays = "[".repeat(depth) + "1" + "]".repeat(depth);
    java.util.List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    Thread small =
        new Thread(
            null,
            () -> {
              try {
                assertThat(CompleteJson.holdsNul(read(objects))).isTrue();
                assertThat(CompleteJson.holdsNul(read(arrays))).isFalse();
              } catch (Throwable t) {
                failures.add(t);
              }
            },
            "small-stack",
            SMALL_STACK);
    small.start();
    small.join();
    assertThat(failures).isEmpty();
  }

  /** Small enough that the recursive check overflowed on it, large enough for Parsson's reader. */
  private static final long SMALL_STACK = 512 * 1024;

  private static jakarta.json.JsonValue read(String json) {
    try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(json))) {
      return reader.readValue();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
