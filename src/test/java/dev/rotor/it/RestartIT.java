package dev.rotor.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
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
    }

    try (RotorProcess second = RotorProcess.start(environment, logs.resolve("restart-2.log"))) {
      Api api = new Api(second.base());
      assertThat(api.me(access).status()).as("access token from before the restart").isEqualTo(200);

      Api.Reply refreshed = api.refresh(refresh);
      assertThat(refreshed.status()).as("refresh token from before the restart").isEqualTo(200);
      assertThat(SignedJWT.parse(refreshed.string("access_token")).getHeader().getKeyID())
          .as("the signing key was not regenerated")
          .isEqualTo(kid);
      assertThat(api.me(refreshed.string("access_token")).status()).isEqualTo(200);
      assertThat(second.awaitLog("Purge removed", java.time.Duration.ofSeconds(60)))
          .as("the purge timer fired and logged its run")
          .isTrue();
    }
  }
}
