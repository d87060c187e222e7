package dev.rotor.oauth.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.clients.control.ClientRegistry;
import dev.rotor.configuration.ClientRegistrationSettings;
import dev.rotor.configuration.ClientRegistrationSettings.Mode;
import dev.rotor.configuration.IssuerSettings;
import dev.rotor.configuration.KeySettings;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataResourceTest {

  static JsonObject metadata(Mode registration) {
    MetadataResource resource = new MetadataResource();
    resource.issuer = new IssuerSettings("https://auth.example.com", "rotor");
    resource.keys = new KeySettings("RS256", Duration.ofDays(30), Duration.ofMinutes(10), false);
    resource.clients = new ClientRegistry(Map.of());
    resource.registration = new ClientRegistrationSettings(registration);
    String body = resource.document();
    return Json.createReader(new StringReader(body)).readObject();
  }

  @Test
  void theRegistrationEndpointIsListedOnlyWhenRegistrationIsOn() {
    assertThat(metadata(Mode.OFF)).doesNotContainKey("registration_endpoint");
    assertThat(metadata(Mode.INITIAL_ACCESS_TOKEN).getString("registration_endpoint"))
        .isEqualTo("https://auth.example.com/oauth2/register");
  }
}
