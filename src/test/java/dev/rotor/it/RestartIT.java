package dev.rotor.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.rotor.it.support.Api;
import dev.rotor.it.support.DatabaseAvailable;
import dev.rotor.it.support.ItDatabase;
import dev.rotor.it.support.RotorProcess;
import dev.rotor.it.support.Users;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shipped uber jar, restarted: the key and every token survive, on H2 and PostgreSQL; and its
 * purge timer fires on its own.
 */
@ExtendWith(DatabaseAvailable.class)
class RestartIT {

  @Test
  void tokensIssuedBeforeARestartStillVerifyAndRefreshAfterIt() throws Exception {
    var environment = new java.util.HashMap<>(ItDatabase.serverEnvironment(ItDatabase.RESTART));
    environment.put("ROTOR_PURGE_INITIAL_DELAY", "PT1S");
    environment.put("ROTOR_ADMIN_USERNAME", Users.ADMIN);
    environment.put("ROTOR_ADMIN_PASSWORD", Users.ADMIN_PASSWORD);
    environment.put("ROTOR_KEYS_PUBLISH_AHEAD", "PT0S");
    environment.put("ROTOR_KEYS_ENCRYPTION_SECRET", "restart-test-key-encryption-secret");
    String rotatedAccess;
    Path logs = ItDatabase.dataDir("logs");
    String access;
    String refresh;
    String kid;
    try (RotorProcess first = RotorProcess.start(environment, logs.resolve("restart-1.log"))) {
      Api api = new Api(first.base());
      Api.Reply login = Users.registeredAndLoggedIn(api, "restart");
      access = login.string("access_token");
      refresh = login.string("refresh_token");
      kid = SignedJWT.parse(access).getHeader().getKeyID();
      assertThat(api.me(access).status()).isEqualTo(200);
      assertThat(api.post("admin/keys/rotate", Users.adminToken(api)).status()).isEqualTo(200);
      rotatedAccess = Users.registeredAndLoggedIn(api, "rotated").string("access_token");
      assertThat(SignedJWT.parse(rotatedAccess).getHeader().getKeyID()).isNotEqualTo(kid);
    }

    environment.put("ROTOR_REGISTRATION_OPEN", "false");
    environment.put("ROTOR_REFRESH_TOKEN_REUSE_GRACE", "PT1M");
    try (RotorProcess second = RotorProcess.start(environment, logs.resolve("restart-2.log"))) {
      Api api = new Api(second.base());
      assertThat(api.register(Users.unique("closed"), Users.PASSWORD).status())
          .as("self-registration switched off by configuration")
          .isEqualTo(403);
      assertThat(api.me(access).status()).as("access token from before the restart").isEqualTo(200);
      assertThat(api.me(rotatedAccess).status())
          .as("access token signed by the rotated key, after the restart")
          .isEqualTo(200);

      Api.Reply refreshed = api.refresh(refresh);
      assertThat(refreshed.status()).as("refresh token from before the restart").isEqualTo(200);
      assertThat(SignedJWT.parse(refreshed.string("access_token")).getHeader().getKeyID())
          .as("the rotated key still signs: nothing was regenerated")
          .isEqualTo(SignedJWT.parse(rotatedAccess).getHeader().getKeyID());
      assertThat(api.me(refreshed.string("access_token")).status()).isEqualTo(200);

      // With a reuse grace: a client's own retry with the token it just spent continues the
      // chain from the live successor; a token two steps back is still a replay.
      Api.Reply retried = api.refresh(refresh);
      assertThat(retried.status()).as("retry within the grace window").isEqualTo(200);
      assertThat(retried.string("session_id")).isEqualTo(refreshed.string("session_id"));
      assertThat(api.refresh(retried.string("refresh_token")).status()).isEqualTo(200);
      assertThat(api.refresh(refresh).status())
          .as("no longer the immediate predecessor")
          .isEqualTo(401);
      assertThat(api.refresh(refreshed.string("refresh_token")).status())
          .as("the replay revoked the session")
          .isEqualTo(401);
      assertThat(second.awaitLog("Purge removed", java.time.Duration.ofSeconds(60)))
          .as("the purge timer fired and logged its run")
          .isTrue();
    }

    environment.put("ROTOR_KEYS_ENCRYPTION_SECRET", "not-the-secret-the-keys-were-sealed-with");
    try (RotorProcess wrongSecret =
        RotorProcess.launch(environment, logs.resolve("restart-3.log"))) {
      assertThat(
              wrongSecret.awaitLog(
                  "rotor.keys.encryption-secret: cannot decrypt", java.time.Duration.ofMinutes(2)))
          .as("start-up refuses a wrong key-encryption secret, naming the key")
          .isTrue();
      assertThat(wrongSecret.answers(".well-known/jwks.json")).isFalse();
    }
  }
}
