package dev.rotor.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rotor.problems.ProblemException;
import org.junit.jupiter.api.Test;

class JsonBodiesTest {

  @Test
  void anObjectIsRead() {
    assertThat(JsonBodies.object("{\"enabled\": true}").getBoolean("enabled")).isTrue();
  }

  @Test
  void anythingButOneJsonObjectIsTheClientsBadRequest() {
    String deep = "[".repeat(5000) + "]".repeat(5000);
    for (String body :
        new String[] {
          null,
          "",
          " ",
          "\"x\"",
          "[1]",
          "null",
          "12",
          "{",
          "not json",
          deep,
          "{\"a\": " + deep + "}"
        }) {
      assertThatThrownBy(() -> JsonBodies.object(body))
          .as(body == null ? "null" : body.substring(0, Math.min(20, body.length())))
          .isInstanceOfSatisfying(
              ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
  }

  @Test
  void charsetsAreCheckedByName() {
    assertThat(RequestCharset.isSupported("UTF-8")).isTrue();
    assertThat(RequestCharset.isSupported(" utf-8 ")).isTrue();
    assertThat(RequestCharset.isSupported("no-such-charset")).isFalse();
    assertThat(RequestCharset.isSupported("\"")).isFalse();
  }
}
