package dev.rotor.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Redirect URIs are checked when the clients are read; a wrong one stops start-up. */
class ClientRedirectsTest {

  static List<String> check(Map<String, String> values) {
    return ConfigurationCheck.problems(key -> Optional.ofNullable(values.get(key)));
  }

  @Test
  void httpsLoopbackHttpAndAPublicAppsSchemePass() {
    assertThat(
            check(
                Map.of(
                    "rotor.clients", "web,app",
                    "rotor.client.web.secret", "s3cret",
                    "rotor.client.web.redirect-uris",
                        "https://web.example.com/cb,http://127.0.0.1:8081/cb,http://[::1]/cb",
                    "rotor.client.web.post-logout-redirect-uris", "https://web.example.com/bye",
                    "rotor.client.app.redirect-uris", "com.example.app:/callback")))
        .isEmpty();
  }

  @Test
  void aFragmentIsRefusedNamingTheKey() {
    assertThat(
            check(
                Map.of(
                    "rotor.clients", "web",
                    "rotor.client.web.redirect-uris", "https://web.example.com/cb#here")))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p)
                    .startsWith("rotor.client.web.redirect-uris:")
                    .contains("must not have a fragment"));
  }

  @Test
  void httpIsRefusedForAHostThatIsNotLoopback() {
    assertThat(
            check(
                Map.of(
                    "rotor.clients", "web",
                    "rotor.client.web.post-logout-redirect-uris", "http://web.example.com/bye")))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p)
                    .startsWith("rotor.client.web.post-logout-redirect-uris:")
                    .contains("loopback"));
  }

  @Test
  void aBackChannelLogoutUriIsCheckedAsARedirectUriAndNeverTakesACustomScheme() {
    assertThat(
            check(
                Map.of(
                    "rotor.clients", "web,app",
                    "rotor.client.web.backchannel-logout-uri", "http://web.example.com/logout",
                    "rotor.client.app.backchannel-logout-uri", "com.example.app:/logout")))
        .hasSize(2)
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("rotor.client.web.backchannel-logout-uri:")
                    .contains("loopback"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("rotor.client.app.backchannel-logout-uri:")
                    .contains("custom scheme"));
    assertThat(
            check(
                Map.of(
                    "rotor.clients", "web",
                    "rotor.client.web.backchannel-logout-uri", "http://127.0.0.1:9000/logout")))
        .isEmpty();
  }

  @Test
  void aCustomSchemeIsRefusedForAConfidentialClient() {
    assertThat(
            check(
                Map.of(
                    "rotor.clients", "backend",
                    "rotor.client.backend.secret", "s3cret",
                    "rotor.client.backend.redirect-uris", "com.example.app:/callback")))
        .singleElement()
        .satisfies(p -> assertThat(p).contains("only a public client"));
  }

  @Test
  void aRelativeOrMalformedUriIsRefused() {
    assertThat(
            check(
                Map.of(
                    "rotor.clients", "web",
                    "rotor.client.web.redirect-uris", "/callback,https://exa^mple.com/")))
        .hasSize(2)
        .anySatisfy(p -> assertThat(p).contains("must be absolute"))
        .anySatisfy(p -> assertThat(p).contains("is not a URI"));
  }
}
