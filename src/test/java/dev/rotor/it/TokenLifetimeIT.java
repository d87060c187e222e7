package dev.rotor.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.it.support.Api;
import dev.rotor.it.support.RotorIT;
import dev.rotor.it.support.Users;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Time moves on the server's clock, never by sleeping. */
@RotorIT
class TokenLifetimeIT {

  Api api;

  @Test
  void anExpiredAccessTokenIsRefusedAndARefreshGetsANewOne() {
    api.moveClock(Duration.ofMinutes(-10));
    Api.Reply login = Users.registeredAndLoggedIn(api, "expired-at");
    api.moveClock(Duration.ZERO);

    Api.Reply me = api.me(login.string("access_token"));
    assertThat(me.status()).as("issued 10 minutes ago with a 5 minute life").isEqualTo(401);
    assertThat(me.header("WWW-Authenticate")).startsWith("Bearer");

    Api.Reply refreshed = api.refresh(login.string("refresh_token"));
    assertThat(refreshed.status()).isEqualTo(200);
    assertThat(api.me(refreshed.string("access_token")).status()).isEqualTo(200);
  }

  @Test
  void aRefreshTokenUnusedForItsIdleLifetimeIsRefused() {
    Api.Reply login = Users.registeredAndLoggedIn(api, "idle");

    api.moveClock(Duration.ofDays(14).plusMinutes(1));
    Api.Reply refreshed = api.refresh(login.string("refresh_token"));

    assertThat(refreshed.status()).isEqualTo(401);
    assertThat(refreshed.string("detail")).contains("expired");
  }

  @Test
  void aRefreshTokenUsedWithinItsIdleLifetimeKeepsTheSessionGoingUntilItsMaximum() {
    Api.Reply login = Users.registeredAndLoggedIn(api, "max");

    api.moveClock(Duration.ofDays(13));
    Api.Reply day13 = api.refresh(login.string("refresh_token"));
    assertThat(day13.status()).isEqualTo(200);
    assertThat(day13.json().get("refresh_expires_in"))
        .as("idle lifetime capped by the session's 30 days")
        .isEqualTo(Duration.ofDays(14).toSeconds());

    api.moveClock(Duration.ofDays(26));
    Api.Reply day26 = api.refresh(day13.string("refresh_token"));
    assertThat(day26.status()).isEqualTo(200);
    assertThat((Long) day26.json().get("refresh_expires_in"))
        .isLessThanOrEqualTo(Duration.ofDays(4).toSeconds());

    api.moveClock(Duration.ofDays(30).plusMinutes(1));
    assertThat(api.refresh(day26.string("refresh_token")).status()).isEqualTo(401);
  }
}
