package dev.rotor.audit.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditEventTest {

  private static final Instant AT = Instant.parse("2026-12-02T15:04:05.678Z");

  @Test
  void idsAreVersion7UuidsThatCarryTheirMillisecond() {
    UUID id = UUID.fromString(AuditEvent.newId(AT));

    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(AT.toEpochMilli());
  }

  @Test
  void idsOfLaterEventsSortAfterEarlierOnes() {
    List<String> ids = new ArrayList<>();
    for (int ms = 0; ms < 1_000; ms += 7) {
      ids.add(AuditEvent.newId(AT.plusMillis(ms)));
    }

    assertThat(ids).isSorted();
  }

  @Test
  void idsOfOneMillisecondDiffer() {
    var ids = new HashSet<String>();
    for (int i = 0; i < 10_000; i++) {
      ids.add(AuditEvent.newId(AT));
    }

    assertThat(ids).hasSize(10_000);
  }

  @Test
  void theEventKeepsTheIdOfItsTime() {
    var event =
        new AuditEvent(AT, AuditEvent.Type.REFRESHED, "u", "name", "s", "127.0.0.1", "ua", null);

    assertThat(UUID.fromString(event.id()).getMostSignificantBits() >>> 16)
        .isEqualTo(AT.toEpochMilli());
  }
}
