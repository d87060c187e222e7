package dev.rotor.clients.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rotor.clients.control.Client;
import dev.rotor.clients.control.DynamicRegistrations;
import dev.rotor.clients.control.RegistrationRejected;
import dev.rotor.clients.control.RegistrationRejected.Reason;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RegistrationMetadataTest {

  static final String REDIRECT = "\"redirect_uris\":[\"https://app.example.test/cb\"]";

  static void assertRejected(String json, Reason reason, String detailStart) {
    assertThatThrownBy(() -> RegistrationMetadata.settings(json))
        .isInstanceOfSatisfying(
            RegistrationRejected.class,
            e -> {
              assertThat(e.reason()).as(json).isEqualTo(reason);
              assertThat(e.detail()).startsWith(detailStart);
            });
  }

  @Test
  void aWebAppsMetadataBecomesAThirdPartyClientWithPkce() {
    var settings =
        RegistrationMetadata.settings(
            "{\"client_name\":\"App\"," + REDIRECT + ",\"response_types\":[\"code\"]}");
    assertThat(settings.name()).isEqualTo("App");
    assertThat(settings.authMethod()).isEqualTo(Client.SECRET_BASIC);
    assertThat(settings.grantTypes()).isEqualTo("authorization_code refresh_token");
    assertThat(settings.scopes()).isEqualTo("openid profile");
    assertThat(settings.firstParty()).isFalse();
    assertThat(settings.introspectAny()).isFalse();
    assertThat(settings.requirePkce()).isTrue();
    assertThat(settings.audiences()).isEmpty();
    assertThat(settings.accessTokenTtlSeconds()).isNull();
  }

  @Test
  void metadataRotorDoesNotKnowIsIgnored() {
    var settings =
        RegistrationMetadata.settings(
            "{"
                + REDIRECT
                + ",\"logo_uri\":\"https://app.example.test/l.png\",\"contacts\":[\"a@b.c\"],"
                + "\"application_type\":\"web\",\"client_id\":\"chosen\",\"software_id\":\"x\"}");
    assertThat(settings.redirectUris()).isEqualTo("https://app.example.test/cb");
  }

  @Test
  void whatOnlyAnAdminGrantsIsRefused() {
    for (String field :
        List.of(
            "\"first_party\":true",
            "\"first_party\":false",
            "\"introspect_any\":true",
            "\"audiences\":[\"orders\"]",
            "\"access_token_lifetime\":60",
            "\"require_pkce\":false")) {
      String name = field.substring(1, field.indexOf('"', 1));
      assertRejected("{" + REDIRECT + "," + field + "}", Reason.INVALID_METADATA, name + ":");
    }
  }

  @Test
  void scopesAndGrantsAreThoseOfAThirdPartyClient() {
    assertThat(
            RegistrationMetadata.settings("{" + REDIRECT + ",\"scope\":\"openid email\"}").scopes())
        .isEqualTo("openid email");
    assertRejected(
        "{" + REDIRECT + ",\"scope\":\"openid orders:write\"}", Reason.INVALID_METADATA, "scope:");
    assertRejected(
        "{" + REDIRECT + ",\"grant_types\":[\"client_credentials\"]}",
        Reason.INVALID_METADATA,
        "grant_types:");
    assertRejected(
        "{" + REDIRECT + ",\"grant_types\":[\"password\"]}",
        Reason.INVALID_METADATA,
        "grant_types:");
  }

  @Test
  void responseTypesMustAgreeWithTheGrantTypes() {
    assertRejected(
        "{" + REDIRECT + ",\"response_types\":[\"token\"]}",
        Reason.INVALID_METADATA,
        "response_types:");
    assertRejected(
        "{" + REDIRECT + ",\"response_types\":[]}", Reason.INVALID_METADATA, "response_types:");
    assertRejected(
        "{\"grant_types\":[\"refresh_token\"],\"response_types\":[\"code\"]}",
        Reason.INVALID_METADATA,
        "response_types:");
    assertThat(
            RegistrationMetadata.settings(
                    "{\"grant_types\":[\"refresh_token\"],\"response_types\":[]}")
                .grantTypes())
        .isEqualTo("refresh_token");
  }

  @Test
  void aBadRedirectUriIsInvalidRedirectUriAndTheRestInvalidClientMetadata() {
    assertRejected(
        "{\"redirect_uris\":[\"http://app.example.test/cb\"]}",
        Reason.INVALID_REDIRECT_URI,
        "redirect_uris:");
    assertRejected(
        "{\"redirect_uris\":[\"https://app.example.test/cb#frag\"]}",
        Reason.INVALID_REDIRECT_URI,
        "redirect_uris:");
    assertRejected(
        "{\"grant_types\":[\"authorization_code\"]}",
        Reason.INVALID_REDIRECT_URI,
        "redirect_uris:");
    assertRejected("{\"client_name\":5}", Reason.INVALID_METADATA, "client_name:");
    assertRejected("not json", Reason.INVALID_METADATA, "The request body");
    assertRejected("", Reason.INVALID_METADATA, "A JSON object body");
  }

  @Test
  void theAnswerIsRfc7591sClientInformation() {
    Client client =
        Client.builder("id-1")
            .secretHash(Client.sha256Of("s"))
            .grantTypes(Set.of("authorization_code", "refresh_token"))
            .scopes(Set.of("openid"))
            .redirectUris(List.of("https://app.example.test/cb"))
            .name("App")
            .authMethod(Client.SECRET_BASIC)
            .build();
    var json =
        RegistrationMetadata.json(
            new DynamicRegistrations.Registration(
                client, "the-secret", Instant.parse("2026-12-07T12:00:00.900Z")));
    assertThat(json.getString("client_id")).isEqualTo("id-1");
    assertThat(json.getString("client_secret")).isEqualTo("the-secret");
    assertThat(json.getJsonNumber("client_id_issued_at").longValue()).isEqualTo(1796644800L);
    assertThat(json.getInt("client_secret_expires_at")).isZero();
    assertThat(json.getJsonArray("response_types").getString(0)).isEqualTo("code");
  }
}
