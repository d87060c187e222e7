package dev.rotor.clients.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;
import org.junit.jupiter.api.Test;

class ClientRegistryTest {

  static ClientRegistry registry(Map<String, String> properties) {
    return new ClientRegistry(ClientRegistry.load(new MapConfig(properties)));
  }

  static Client client(Map<String, String> properties, String id) {
    return registry(properties).find(id).orElseThrow();
  }

  @Test
  void firstPartyClientIsThereWithoutConfiguration() {
    Client app = registry(Map.of()).firstParty();

    assertThat(app.id()).isEqualTo("rotor-app");
    assertThat(app.isConfidential()).isFalse();
    assertThat(app.grantTypes()).containsExactly("refresh_token");
    assertThat(app.scopes()).containsExactly("profile");
    assertThat(app.firstParty()).isTrue();
  }

  @Test
  void onlyListedClientsAreRead() {
    ClientRegistry registry =
        registry(Map.of("rotor.clients", "a", "rotor.client.b.secret", "s3cret"));

    assertThat(registry.find("a")).isPresent();
    assertThat(registry.find("b")).isEmpty();
    assertThat(registry.find(null)).isEmpty();
  }

  @Test
  void secretIsKeptOnlyAsItsHashAndMatchesItself() {
    Client service =
        client(
            Map.of("rotor.clients", "service", "rotor.client.service.secret", "s3cret"), "service");

    assertThat(service.isConfidential()).isTrue();
    assertThat(service.secretHash()).isEqualTo(Client.sha256("s3cret"));
    assertThat(service.secretMatches("s3cret", Instant.EPOCH)).isTrue();
    assertThat(service.secretMatches("s3cret ", Instant.EPOCH)).isFalse();
  }

  @Test
  void aConfiguredClientTakesBackChannelLogoutOnlyWhenItNamesAUri() {
    Client portal =
        client(
            Map.of(
                "rotor.clients", "portal,spa",
                "rotor.client.portal.backchannel-logout-uri", "https://portal.example/logout",
                "rotor.client.portal.backchannel-logout-session-required", "true"),
            "portal");
    Client spa =
        client(
            Map.of("rotor.clients", "spa", "rotor.client.spa.backchannel-logout-uri", " "), "spa");

    assertThat(portal.backchannelLogoutUri()).isEqualTo("https://portal.example/logout");
    assertThat(portal.backchannelLogoutSessionRequired()).isTrue();
    assertThat(portal.configured()).isTrue();
    assertThat(spa.backchannelLogoutUri()).isNull();
    assertThat(spa.backchannelLogoutSessionRequired()).isFalse();
  }

  @Test
  void blankSecretMakesAPublicClient() {
    Client spa = client(Map.of("rotor.clients", "spa", "rotor.client.spa.secret", "  "), "spa");

    assertThat(spa.isConfidential()).isFalse();
    assertThat(spa.requirePkce()).isTrue();
  }

  @Test
  void clientWithoutRedirectUrisOnlyRefreshesByDefault() {
    Client service = client(Map.of("rotor.clients", "service"), "service");

    assertThat(service.grantTypes()).containsExactly("refresh_token");
    assertThat(service.scopes()).containsExactly("profile");
    assertThat(service.name()).isEqualTo("service");
    assertThat(service.firstParty()).isFalse();
    assertThat(service.introspectsAny()).isFalse();
  }

  @Test
  void clientWithRedirectUrisSignsUsersInThroughTheBrowserByDefault() {
    Client partner =
        client(
            Map.of(
                "rotor.clients", "partner",
                "rotor.client.partner.redirect-uris", "https://p.example/cb https://p.example/b"),
            "partner");

    assertThat(partner.grantTypes()).containsExactly("authorization_code", "refresh_token");
    assertThat(partner.redirectUris())
        .containsExactly("https://p.example/cb", "https://p.example/b");
    assertThat(partner.allowsRedirectUri("https://p.example/cb")).isTrue();
  }

  @Test
  void listsAreSplitAtCommasAndSpacesInTheirOrder() {
    assertThat(ClientRegistry.list(" b, a  c,,\td ")).containsExactly("b", "a", "c", "d");
    assertThat(ClientRegistry.list("")).isEmpty();
  }

  @Test
  void everySettingOfAClientIsRead() {
    Client partner =
        client(
            Map.ofEntries(
                Map.entry("rotor.clients", "partner"),
                Map.entry("rotor.client.partner.secret", "s3cret"),
                Map.entry("rotor.client.partner.grant-types", "authorization_code"),
                Map.entry("rotor.client.partner.scopes", "openid,email"),
                Map.entry("rotor.client.partner.redirect-uris", "https://p.example/cb"),
                Map.entry(
                    "rotor.client.partner.post-logout-redirect-uris", "https://p.example/bye"),
                Map.entry("rotor.client.partner.name", "Partner Ltd"),
                Map.entry("rotor.client.partner.first-party", "true"),
                Map.entry("rotor.client.partner.require-pkce", "false"),
                Map.entry("rotor.client.partner.audiences", "api-a api-b"),
                Map.entry("rotor.client.partner.introspect-any", "true")),
            "partner");

    assertThat(partner.grantTypes()).containsExactly("authorization_code");
    assertThat(partner.scopes()).containsExactly("openid", "email");
    assertThat(partner.postLogoutRedirectUris()).containsExactly("https://p.example/bye");
    assertThat(partner.name()).isEqualTo("Partner Ltd");
    assertThat(partner.firstParty()).isTrue();
    assertThat(partner.requirePkce()).isFalse();
    assertThat(partner.audiences()).containsExactly("api-a", "api-b");
    assertThat(partner.introspectsAny()).isTrue();
  }

  @Test
  void publicClientNeedsPkceEvenWhenConfiguredWithout() {
    Client spa =
        client(Map.of("rotor.clients", "spa", "rotor.client.spa.require-pkce", "false"), "spa");

    assertThat(spa.requirePkce()).isTrue();
  }

  @Test
  void discoveryScopesStartWithOpenidThenFollowTheClientsById() {
    ClientRegistry registry =
        registry(
            Map.of(
                "rotor.clients", "zeta alpha",
                "rotor.client.zeta.scopes", "zeta-scope profile",
                "rotor.client.alpha.scopes", "alpha-scope"));

    assertThat(registry.allScopes())
        .containsExactly("openid", "alpha-scope", "profile", "zeta-scope");
  }

  @Test
  void audiencesAreTheClientsOrNoneForRotorsOwn() {
    ClientRegistry registry =
        registry(
            Map.of(
                "rotor.clients", "api-user plain",
                "rotor.client.api-user.audiences", "orders"));

    assertThat(registry.audiences("api-user")).containsExactly("orders");
    assertThat(registry.audiences("plain")).isEmpty();
    assertThat(registry.audiences("gone")).isEmpty();
  }

  /** The few conversions the registry asks for, over a map. */
  record MapConfig(Map<String, String> properties) implements Config {

    @Override
    public <T> Optional<T> getOptionalValue(String name, Class<T> type) {
      Optional<String> value = Optional.ofNullable(properties.get(name));
      if (type == String.class) {
        return value.map(type::cast);
      }
      if (type == Boolean.class) {
        return value.map(Boolean::valueOf).map(type::cast);
      }
      throw new IllegalArgumentException("no conversion to " + type);
    }

    @Override
    public <T> T getValue(String name, Class<T> type) {
      return getOptionalValue(name, type).orElseThrow(() -> new NoSuchElementException(name));
    }

    @Override
    public ConfigValue getConfigValue(String name) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Iterable<String> getPropertyNames() {
      return properties.keySet();
    }

    @Override
    public Iterable<ConfigSource> getConfigSources() {
      return List.of();
    }

    @Override
    public <T> Optional<Converter<T>> getConverter(Class<T> type) {
      return Optional.empty();
    }

    @Override
    public <T> T unwrap(Class<T> type) {
      throw new UnsupportedOperationException();
    }
  }
}
