package dev.rotor.oauth.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rotor.clients.control.Client;
import dev.rotor.clients.control.ClientRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthorizationRequestTest {

  static final String REDIRECT = "https://app.example.test/cb";
  static final String VERIFIER = "dBjftJeZ4CVP-mJ92K27uhbUJU1p1r_wW1gFWFOEjXk";
  static final String CHALLENGE = "ngF5GsXcbwljx6u133FFr3Xht9xooA_DuaX_3QwODtc";

  static final ClientRegistry CLIENTS =
      new ClientRegistry(
          Map.of(
              "spa",
              client("spa", null, true),
              "web",
              client("web", Client.sha256Of("secret"), false),
              "api",
              new Client("api", null, Set.of("refresh_token"), Set.of("profile"))));

  static Client client(String id, byte[] secret, boolean requirePkce) {
    return new Client(
        id,
        secret,
        Set.of("authorization_code", "refresh_token"),
        Set.of("openid", "profile"),
        List.of(REDIRECT),
        List.of(),
        id,
        false,
        requirePkce,
        List.of(),
        false);
  }

  static Map<String, List<String>> valid() {
    Map<String, List<String>> params = new HashMap<>();
    params.put("response_type", List.of("code"));
    params.put("client_id", List.of("spa"));
    params.put("redirect_uri", List.of(REDIRECT));
    params.put("scope", List.of("openid profile"));
    params.put("state", List.of("s-1"));
    params.put("code_challenge", List.of(CHALLENGE));
    params.put("code_challenge_method", List.of("S256"));
    return params;
  }

  static AuthorizationRequest parse(Map<String, List<String>> params) {
    return AuthorizationRequest.parse(name -> params.getOrDefault(name, List.of()), CLIENTS);
  }

  static AuthorizationError refused(Map<String, List<String>> params) {
    return catchThrowableOfType(AuthorizationError.class, () -> parse(params));
  }

  @Test
  void aValidRequestKeepsItsParts() {
    AuthorizationRequest request = parse(valid());

    assertThat(request.client().id()).isEqualTo("spa");
    assertThat(request.scopes()).containsExactly("openid", "profile");
    assertThat(request.state()).isEqualTo("s-1");
    assertThat(request.codeChallenge()).isEqualTo(CHALLENGE);
    assertThat(request.formFields())
        .containsEntry("code_challenge_method", "S256")
        .doesNotContainKey("prompt");
  }

  @Test
  void anUnknownClientOrRedirectUriIsShownNeverRedirected() {
    var unknown = valid();
    unknown.put("client_id", List.of("nobody"));
    var foreign = valid();
    foreign.put("redirect_uri", List.of(REDIRECT + "/../evil"));
    var prefix = valid();
    prefix.put("redirect_uri", List.of(REDIRECT + "?x=1"));
    var missing = valid();
    missing.remove("redirect_uri");

    for (var params : List.of(unknown, foreign, prefix, missing)) {
      assertThat(refused(params).redirects()).as(params.toString()).isFalse();
    }
  }

  @Test
  void otherErrorsGoBackWithTheState() {
    var token = valid();
    token.put("response_type", List.of("token"));
    var plain = valid();
    plain.put("code_challenge_method", List.of("plain"));
    var wider = valid();
    wider.put("scope", List.of("openid admin"));
    var repeated = valid();
    repeated.put("scope", List.of("openid", "profile"));
    var none = valid();
    none.put("prompt", List.of("none login"));

    assertThat(refused(token).code()).isEqualTo("unsupported_response_type");
    assertThat(refused(plain).code()).isEqualTo("invalid_request");
    assertThat(refused(wider).code()).isEqualTo("invalid_scope");
    assertThat(refused(repeated).code()).isEqualTo("invalid_request");
    assertThat(refused(none).code()).isEqualTo("invalid_request");
    assertThat(refused(token).redirects()).isTrue();
    assertThat(refused(token).state()).isEqualTo("s-1");
  }

  @Test
  void pkceIsRequiredButAConfidentialClientMayBeExemptedWhenItSendsANonce() {
    var publicWithout = valid();
    publicWithout.remove("code_challenge");
    publicWithout.remove("code_challenge_method");
    publicWithout.put("nonce", List.of("n"));
    assertThat(refused(publicWithout).code()).isEqualTo("invalid_request");

    var exempted = new HashMap<>(publicWithout);
    exempted.put("client_id", List.of("web"));
    assertThat(parse(exempted).codeChallenge()).isNull();

    var withoutNonce = new HashMap<>(exempted);
    withoutNonce.remove("nonce");
    assertThat(refused(withoutNonce).code()).isEqualTo("invalid_request");
  }

  @Test
  void aClientWithoutRedirectUrisCannotUseTheBrowserFlow() {
    var api = valid();
    api.put("client_id", List.of("api"));
    api.put("redirect_uri", List.of(REDIRECT));
    // api has no redirect URIs at all: the request cannot even be answered.
    assertThat(refused(api).redirects()).isFalse();
  }

  @Test
  void thePkceCheckIsS256OfTheVerifier() throws Exception {
    assertThat(CodeExchange.pkceHolds(CHALLENGE, VERIFIER)).isTrue();
    assertThat(CodeExchange.pkceHolds(CHALLENGE, VERIFIER.replace('d', 'e'))).isFalse();
    assertThat(CodeExchange.pkceHolds(CHALLENGE, null)).isFalse();
    assertThat(CodeExchange.pkceHolds(null, null)).isTrue();
    assertThat(CodeExchange.pkceHolds(null, VERIFIER)).isFalse();
    String computed =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                MessageDigest.getInstance("SHA-256")
                    .digest(VERIFIER.getBytes(StandardCharsets.US_ASCII)));
    assertThat(computed).isEqualTo(CHALLENGE);
  }
}
