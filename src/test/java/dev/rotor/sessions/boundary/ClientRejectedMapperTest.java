package dev.rotor.sessions.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.clients.control.ClientRejected;
import dev.rotor.problems.Failure;
import org.junit.jupiter.api.Test;

class ClientRejectedMapperTest {

  @Test
  void anUnknownOrIllFormedClientIsOne401ThatTellsNeitherWhichNorWhy() {
    for (ClientRejected.Reason reason :
        new ClientRejected.Reason[] {
          ClientRejected.Reason.FAILED, ClientRejected.Reason.MALFORMED
        }) {
      var rejected = new ClientRejected(reason, "Use one client authentication method, not two.");
      Failure failure = ClientRejectedMapper.failure(rejected);

      assertThat(failure.status()).as("%s", reason).isEqualTo(401);
      assertThat(failure.detail()).isEqualTo("Unknown client or wrong client secret.");
      assertThat(failure.cause())
          .as("for a format that words the reason itself")
          .isSameAs(rejected);
    }
  }

  @Test
  void aThirdPartyClientAtThePasswordLoginIsA400SayingSo() {
    var rejected = new ClientRejected(ClientRejected.Reason.NOT_ALLOWED, "Use the browser.");
    Failure failure = ClientRejectedMapper.failure(rejected);

    assertThat(failure.status()).isEqualTo(400);
    assertThat(failure.detail()).isEqualTo("unauthorized_client: Use the browser.");
  }
}
