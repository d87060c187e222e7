package dev.rotor.clients.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rotor.configuration.ClientRegistrationSettings;
import dev.rotor.configuration.ClientRegistrationSettings.Mode;
import dev.rotor.problems.ProblemException;
import org.junit.jupiter.api.Test;

class RegistrationResourceTest {

  @Test
  void offThereIsNoRegistrationEndpointWhateverTheRequest() {
    RegistrationResource resource = new RegistrationResource();
    resource.settings = new ClientRegistrationSettings(Mode.OFF);
    assertThatThrownBy(() -> resource.register("Bearer anything", "{}"))
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThatThrownBy(() -> resource.register(null, null))
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
  }
}
