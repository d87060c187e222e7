package dev.rotor.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigurationCheckTest {

  static java.util.List<String> check(Map<String, String> values) {
    return ConfigurationCheck.problems(key -> Optional.ofNullable(values.get(key)));
  }

  @Test
  void noConfigurationAtAllIsFine() {
    assertThat(check(Map.of())).isEmpty();
  }

  @Test
  void validValuesPass() {
    assertThat(
            check(
                Map.of(
                    "rotor.access-token.ttl", "PT10M",
                    "rotor.refresh-token.reuse-grace", "PT0S",
                    "rotor.issuer", "https://auth.example.com",
                    "rotor.keys.algorithm", "ES256",
                    "rotor.db.url", "jdbc:postgresql://db/rotor",
                    "rotor.registration.open", "false")))
        .isEmpty();
  }

  @Test
  void eachBadValueIsReportedWithItsKey() {
    assertThat(
            check(
                Map.of(
                    "rotor.access-token.ttl", "5 minutes",
                    "rotor.session.max-ttl", "-P1D",
                    "rotor.issuer", "not a url",
                    "rotor.keys.algorithm", "HS256",
                    "rotor.registration.open", "yes",
                    "rotor.db.url", "jdbc:mysql://x/y",
                    "rotor.http.max-body-bytes", "0")))
        .hasSize(7)
        .anySatisfy(p -> assertThat(p).startsWith("rotor.access-token.ttl:"))
        .anySatisfy(p -> assertThat(p).startsWith("rotor.session.max-ttl:"))
        .anySatisfy(p -> assertThat(p).startsWith("rotor.issuer:"))
        .anySatisfy(p -> assertThat(p).startsWith("rotor.keys.algorithm:"))
        .anySatisfy(p -> assertThat(p).startsWith("rotor.registration.open:"))
        .anySatisfy(p -> assertThat(p).startsWith("rotor.db.url:"))
        .anySatisfy(p -> assertThat(p).startsWith("rotor.http.max-body-bytes:"));
  }

  @Test
  void dynamicClientRegistrationIsOffUnlessTurnedOnByName() {
    assertThat(ClientRegistrationSettings.read(new ConfigReader(key -> Optional.empty())).open())
        .isFalse();
    for (String value :
        java.util.List.of("off", "initial-access-token", " Initial-Access-Token ")) {
      assertThat(check(Map.of("rotor.clients.registration", value))).as(value).isEmpty();
    }
    assertThat(
            ClientRegistrationSettings.read(
                    new ConfigReader(key -> Optional.of("initial-access-token")))
                .open())
        .isTrue();
    for (String value : java.util.List.of("on", "true", "open", "")) {
      assertThat(check(Map.of("rotor.clients.registration", value)))
          .as(value)
          .singleElement()
          .satisfies(
              p ->
                  assertThat(p)
                      .startsWith(
                          "rotor.clients.registration: must be one of [off,"
                              + " initial-access-token]"));
    }
  }

  @Test
  void anHttpIssuerIsRefusedUnlessItsHostIsLoopback() {
    for (String loopback :
        java.util.List.of(
            "http://localhost:8080",
            "http://LOCALHOST",
            "http://127.0.0.1:18390",
            "http://127.255.0.9/rotor",
            "http://[::1]:8080",
            "http://[0:0:0:0:0:0:0:1]",
            "https://auth.example.com",
            "https://10.0.0.5")) {
      assertThat(check(Map.of("rotor.issuer", loopback))).as(loopback).isEmpty();
    }
    for (String remote :
        java.util.List.of(
            "http://auth.example.com",
            "http://10.0.0.5:8080",
            "http://128.0.0.1",
            "http://127.0.0.256",
            "http://localhost.example.com",
            "http://[::2]",
            "http://[::ffff:7f00:1]",
            "http://0.0.0.0:8080",
            "ftp://localhost/")) {
      assertThat(check(Map.of("rotor.issuer", remote)))
          .as(remote)
          .singleElement()
          .satisfies(p -> assertThat(p).startsWith("rotor.issuer:"));
    }
  }

  @Test
  void anAdminNeedsAPassword() {
    assertThat(check(Map.of("rotor.admin.username", "root")))
        .containsExactly("rotor.admin.password: required when rotor.admin.username is set");
  }
}
