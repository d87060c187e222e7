package dev.rotor.audit.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OriginTest {

  @Test
  void controlCharactersBecomeQuestionMarks() {
    Origin origin = new Origin("10.0.0.1\u0000", "curl\u0000/8\u0001 \u2603");
    assertThat(origin.address()).isEqualTo("10.0.0.1?");
    assertThat(origin.userAgent()).isEqualTo("curl?/8? \u2603");
  }

  @Test
  void valuesAreCutToWhatTheTablesKeep() {
    Origin origin = new Origin("1".repeat(100), "a".repeat(300));
    assertThat(origin.address()).hasSize(Origin.ADDRESS_MAX);
    assertThat(origin.userAgent()).hasSize(Origin.USER_AGENT_MAX);
    assertThat(new Origin(null, null)).isEqualTo(Origin.SERVER);
  }
}
