package dev.rotor.clients.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RegisteredClientTest {

  static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

  static RegisteredClient confidential() {
    return new RegisteredClient(
        "0b7e4c1a-2f3d-4e5f-8a9b-0c1d2e3f4a5b",
        "first",
        new RegisteredClient.Settings(
            "",
            "client_secret_basic",
            "refresh_token",
            "profile",
            "",
            "",
            true,
            true,
            false,
            "",
            null,
            false,
            null,
            null,
            null,
            true),
        NOW);
  }

  @Test
  void aRotationKeepsTheReplacedSecretUntilTheOverlapEnds() {
    RegisteredClient client = confidential();

    client.rotateSecret("second", NOW.plusSeconds(3600), NOW);

    assertThat(client.secretHash()).isEqualTo("second");
    assertThat(client.previousSecretHash()).isEqualTo("first");
    assertThat(client.previousSecretExpiresAt()).isEqualTo(NOW.plusSeconds(3600));
  }

  @Test
  void aRotationWithoutOverlapKeepsNoPreviousSecret() {
    RegisteredClient client = confidential();
    client.rotateSecret("second", NOW.plusSeconds(3600), NOW);

    client.rotateSecret("third", NOW.plusSeconds(60), NOW.plusSeconds(60));

    assertThat(client.secretHash()).isEqualTo("third");
    assertThat(client.previousSecretHash()).isNull();
    assertThat(client.previousSecretExpiresAt()).isNull();
  }

  @Test
  void aSecondRotationDuringAnOverlapReplacesThePreviousSecret() {
    RegisteredClient client = confidential();
    client.rotateSecret("second", NOW.plusSeconds(3600), NOW);

    client.rotateSecret("third", NOW.plusSeconds(7200), NOW.plusSeconds(60));

    assertThat(client.previousSecretHash()).as("the first secret ends at once").isEqualTo("second");
    assertThat(client.previousSecretExpiresAt()).isEqualTo(NOW.plusSeconds(7200));
  }
}
