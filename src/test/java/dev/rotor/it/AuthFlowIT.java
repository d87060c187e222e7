package dev.rotor.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.rotor.it.support.Api;
import dev.rotor.it.support.RotorIT;
import dev.rotor.it.support.Users;
import org.junit.jupiter.api.Test;

@RotorIT
class AuthFlowIT {

  Api api;

  @Test
  void theWholeFlowFromRegistrationToLoginAfterLogout() {
    String name = Users.unique("flow");

    Api.Reply registered = api.register(name, Users.PASSWORD);
    assertThat(registered.status()).isEqualTo(201);
    assertThat(registered.header("Location")).contains("/admin/users/" + registered.string("id"));
    assertThat(registered.json())
        .containsEntry("username", name)
        .doesNotContainKey("password_hash");

    Api.Reply login = api.login(name, Users.PASSWORD);
    assertThat(login.status()).isEqualTo(200);
    assertThat(login.header("Cache-Control")).contains("no-store");
    assertThat(login.json())
        .containsEntry("token_type", "Bearer")
        .containsEntry("expires_in", 300L)
        .containsEntry("refresh_expires_in", 1_209_600L)
        .containsKeys("access_token", "refresh_token", "session_id");

    Api.Reply me = api.me(login.string("access_token"));
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json())
        .containsEntry("username", name)
        .containsEntry("id", registered.string("id"));

    Api.Reply refreshed = api.refresh(login.string("refresh_token"));
    assertThat(refreshed.status()).isEqualTo(200);
    assertThat(refreshed.string("refresh_token")).isNotEqualTo(login.string("refresh_token"));
    assertThat(refreshed.string("session_id")).isEqualTo(login.string("session_id"));
    assertThat(api.me(refreshed.string("access_token")).status()).isEqualTo(200);

    Api.Reply next = api.refresh(refreshed.string("refresh_token"));
    assertThat(next.status()).isEqualTo(200);
    assertThat(api.logout(next.string("refresh_token")).status()).isEqualTo(204);
    assertThat(api.refresh(next.string("refresh_token")).status()).isEqualTo(401);
    assertThat(api.logout(next.string("refresh_token")).status())
        .as("logout of a dead token is still 204")
        .isEqualTo(204);

    Api.Reply again = api.login(name, Users.PASSWORD);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.string("session_id")).isNotEqualTo(login.string("session_id"));
    assertThat(api.refresh(again.string("refresh_token")).status()).isEqualTo(200);
  }

  @Test
  void replayingASpentRefreshTokenRevokesTheWholeSession() {
    Api.Reply login = Users.registeredAndLoggedIn(api, "replay");
    String spent = login.string("refresh_token");
    Api.Reply live = api.refresh(spent);
    assertThat(live.status()).isEqualTo(200);

    Api.Reply replay = api.refresh(spent);
    assertThat(replay.status()).isEqualTo(401);
    assertThat(replay.header("Content-Type")).startsWith("application/problem+json");
    assertThat(replay.json()).containsEntry("status", 401L);

    assertThat(api.refresh(live.string("refresh_token")).status())
        .as("the live token of the revoked session")
        .isEqualTo(401);
    assertThat(api.refresh(spent).status()).isEqualTo(401);
  }

  @Test
  void loginAnswersUnknownUsersAndWrongPasswordsTheSameWay() {
    String name = Users.unique("same");
    api.register(name, Users.PASSWORD);

    Api.Reply wrongPassword = api.login(name, "not the right password");
    Api.Reply unknownUser = api.login(Users.unique("ghost"), Users.PASSWORD);

    assertThat(wrongPassword.status()).isEqualTo(401);
    assertThat(unknownUser.status()).isEqualTo(401);
    assertThat(wrongPassword.body()).isEqualTo(unknownUser.body());
  }

  @Test
  void usernamesAreUniqueWhateverTheirCase() {
    String name = Users.unique("case");
    assertThat(api.register(name, Users.PASSWORD).status()).isEqualTo(201);

    Api.Reply taken = api.register(name.toUpperCase(), Users.PASSWORD);
    assertThat(taken.status()).isEqualTo(409);
    assertThat(taken.json()).containsEntry("status", 409L);
    assertThat(api.login(name.toUpperCase(), Users.PASSWORD).status())
        .as("login is case-insensitive too")
        .isEqualTo(200);
  }

  @Test
  void theJwksPublishesTheKeyThatSignsAccessTokens() throws Exception {
    Api.Reply login = Users.registeredAndLoggedIn(api, "jwks");
    SignedJWT token = SignedJWT.parse(login.string("access_token"));

    Api.Reply jwks = api.get(".well-known/jwks.json", null);
    assertThat(jwks.status()).isEqualTo(200);
    JWKSet set = JWKSet.parse(jwks.body());
    var key = set.getKeyByKeyId(token.getHeader().getKeyID());
    assertThat(key).isNotNull();
    assertThat(key.isPrivate()).isFalse();
    assertThat(token.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(key.toRSAKey()))).isTrue();
    assertThat(token.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
    assertThat(token.getJWTClaimsSet().getClaims())
        .containsKeys(
            "iss", "sub", "upn", "preferred_username", "groups", "aud", "iat", "exp", "jti", "sid")
        .containsEntry("client_id", "rotor-app")
        .containsEntry("typ", "Bearer")
        .containsEntry("sid", login.string("session_id"));
  }
}
