package dev.rotor.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.rotor.it.support.Api;
import dev.rotor.it.support.RotorIT;
import dev.rotor.it.support.Users;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Key rotation on demand, seen by a verifier: old and new tokens both keep working. */
@RotorIT
class KeyRotationIT {

  Api api;

  static String kid(String token) throws Exception {
    return SignedJWT.parse(token).getHeader().getKeyID();
  }

  JWKSet jwks() throws Exception {
    return JWKSet.parse(api.get(".well-known/jwks.json", null).body());
  }

  @Test
  void theNextKeyIsPublishedBeforeItSigns() throws Exception {
    String admin = Users.adminToken(api);

    Api.Reply rotated = api.post("admin/keys/rotate", admin);

    assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
    Instant activates = Instant.parse(rotated.string("activates_at"));
    assertThat(activates).isAfter(Instant.now().plus(Duration.ofMinutes(5)));
    assertThat(jwks().getKeyByKeyId(rotated.string("kid"))).as("published at once").isNotNull();
    String before = Users.registeredAndLoggedIn(api, "pre").string("access_token");
    assertThat(kid(before)).as("but not signing yet").isNotEqualTo(rotated.string("kid"));

    api.moveClock(Duration.between(Instant.now(), activates).plusSeconds(1));
    assertThat(kid(Users.adminToken(api))).isEqualTo(rotated.string("kid"));
  }

  @Test
  void tokensSignedBeforeAndAfterARotationBothWork() throws Exception {
    String admin = Users.adminToken(api);
    Api.Reply login = Users.registeredAndLoggedIn(api, "rotation");
    String old = login.string("access_token");

    // Rotated "ten minutes ago" (the publish-ahead): the new key signs from the moment of the
    // rotation, so it is newer than the server's first key however young the server is.
    api.moveClock(Duration.ofMinutes(-10));
    String newKid = api.post("admin/keys/rotate", admin).string("kid");
    api.moveClock(Duration.ZERO);
    String fresh = api.refresh(login.string("refresh_token")).string("access_token");

    assertThat(kid(fresh)).isEqualTo(newKid);
    assertThat(kid(old)).isNotEqualTo(newKid);
    assertThat(jwks().getKeys()).extracting(JWK::getKeyID).contains(kid(old), newKid);
    assertThat(api.me(old).status()).as("signed before the rotation").isEqualTo(200);
    assertThat(awaitAccepted(fresh)).as("signed after it").isEqualTo(200);
  }

  /**
   * Payara's verifier re-reads our JWK Set when its cache (1 s in this suite) expires; this polls
   * that cache, which no Clock of ours can move, for at most 15 s.
   */
  int awaitAccepted(String token) {
    Instant deadline = Instant.now().plusSeconds(15);
    int status = api.me(token).status();
    while (status != 200 && Instant.now().isBefore(deadline)) {
      java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
      status = api.me(token).status();
    }
    return status;
  }
}
