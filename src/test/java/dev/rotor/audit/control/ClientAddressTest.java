package dev.rotor.audit.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

  @Test
  void theHeaderIsIgnoredFromAPeerThatIsNoTrustedProxy() {
    assertThat(ClientAddress.resolve("198.51.100.7", List.of("203.0.113.9"), Set.of("10.0.0.1")))
        .isEqualTo("198.51.100.7");
    assertThat(ClientAddress.resolve("198.51.100.7", List.of("203.0.113.9"), Set.of()))
        .isEqualTo("198.51.100.7");
  }

  @Test
  void behindATrustedProxyTheRightmostUntrustedHopIsTheClient() {
    Set<String> proxies = Set.of("10.0.0.1", "10.0.0.2");

    assertThat(ClientAddress.resolve("10.0.0.1", List.of("203.0.113.9"), proxies))
        .isEqualTo("203.0.113.9");
    assertThat(
            ClientAddress.resolve("10.0.0.1", List.of("6.6.6.6, 203.0.113.9, 10.0.0.2"), proxies))
        .as("a client-supplied first hop cannot win")
        .isEqualTo("203.0.113.9");
    assertThat(ClientAddress.resolve("10.0.0.1", List.of(""), proxies)).isEqualTo("10.0.0.1");
    assertThat(ClientAddress.resolve("10.0.0.1", List.of(), proxies)).isEqualTo("10.0.0.1");
  }

  @Test
  void everyHeaderLineIsReadAsOneListInOrder() {
    Set<String> proxies = Set.of("10.0.0.1", "10.0.0.2");

    assertThat(ClientAddress.resolve("10.0.0.1", List.of("6.6.6.6", "203.0.113.9"), proxies))
        .as("the client's own first line does not win over the line the proxy added")
        .isEqualTo("203.0.113.9");
    assertThat(
            ClientAddress.resolve(
                "10.0.0.1", List.of("6.6.6.6, 198.51.100.4", "203.0.113.9, 10.0.0.2"), proxies))
        .isEqualTo("203.0.113.9");
    assertThat(ClientAddress.resolve("10.0.0.1", List.of("203.0.113.9", "10.0.0.2", ""), proxies))
        .as("trusted hops and empty lines at the end are skipped")
        .isEqualTo("203.0.113.9");
  }
}
