package dev.rotor.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.it.support.Api;
import dev.rotor.it.support.ItServer;
import dev.rotor.it.support.RawHttp;
import dev.rotor.it.support.RotorIT;
import dev.rotor.it.support.Users;
import dev.rotor.users.control.LoginThrottle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Brute-force defence: an account locks after five failed password checks in a row, a lock answers
 * 429 whatever the password, unknown names lock the same way, and an address has a budget of
 * password checks a minute. Lock expiry is driven by the server's movable clock.
 */
@RotorIT
class ThrottleIT {

  static final String WRONG = "not the password at all";

  static final String ADDRESS_OVER_BUDGET = "address over 600 password checks a minute";

  /** A password change whose current password is wrong and whose new one meets the policy. */
  static final String WRONG_CHANGE =
      "{\"current_password\":\"" + WRONG + "\",\"new_password\":\"a brand new passphrase\"}";

  Api api;
  String admin;

  @BeforeEach
  void admin() {
    admin = Users.adminToken(api);
  }

  @Test
  void fiveFailuresLockTheAccountAndThenEvenTheRightPasswordIsRefused() {
    String name = registered("locked");
    for (int i = 0; i < 5; i++) {
      assertThat(api.login(name, WRONG).status()).isEqualTo(401);
    }

    Api.Reply locked = api.login(name, Users.PASSWORD);

    assertThrottled(locked, 1, 60);
    assertThat(throttledEvents(name))
        .extracting(e -> (String) e.get("reason"))
        .anySatisfy(r -> assertThat(r).startsWith("account locked for 60 s after 5 failed"))
        .anySatisfy(r -> assertThat(r).matches("account locked for \\d+ s more"));

    api.moveClock(Duration.ofSeconds(61));
    assertThat(api.login(name, Users.PASSWORD).status())
        .as("the lock is over after rotor.throttle.login.lockout")
        .isEqualTo(200);
  }

  @Test
  void eachFailureAfterALockDoublesTheNextLock() {
    String name = registered("doubled");
    for (int i = 0; i < 5; i++) {
      api.login(name, WRONG);
    }
    api.moveClock(Duration.ofSeconds(61));

    assertThat(api.login(name, WRONG).status()).isEqualTo(401);
    Api.Reply locked = api.login(name, Users.PASSWORD);

    assertThrottled(locked, 61, 120);
  }

  @Test
  void unknownUsernamesLockTheSameWaySoTheAnswerRevealsNothing() {
    String known = registered("known");
    String unknown = Users.unique("nobody");
    for (int i = 0; i < 5; i++) {
      assertThat(api.login(unknown, WRONG).status()).isEqualTo(401);
      api.login(known, WRONG);
    }

    Api.Reply forUnknown = api.login(unknown, WRONG);
    Api.Reply forKnown = api.login(known, WRONG);

    assertThrottled(forUnknown, 1, 60);
    assertThat(forUnknown.body()).isEqualTo(forKnown.body());
  }

  /**
   * Each check is counted before its hash runs: twenty at once for a new account get at most the
   * five checks the lock allows, not twenty.
   */
  @Test
  void concurrentWrongPasswordsGetNoMoreChecksThanTheLockAllows() throws Exception {
    String name = registered("raced");

    List<Integer> statuses = concurrently(20, () -> api.login(name, WRONG).status());

    assertThat(statuses).allMatch(s -> s == 401 || s == 429, "401 or 429: " + statuses);
    assertThat(statuses.stream().filter(s -> s == 401).count())
        .as("password checks run, of %s", statuses)
        .isLessThanOrEqualTo(5);
    assertThrottled(api.login(name, Users.PASSWORD), 1, 60);
  }

  /**
   * Failures from strangers' addresses lock only those addresses, and together, past a looser
   * limit, every address the account has not signed in from; an address it signed in from before
   * still gets in with the right password.
   */
  @Test
  void strangersCannotLockTheOwnerOutOfAnAddressItSignedInFrom() {
    String name = registered("besieged");
    assertThat(Users.loginFrom("192.0.2.10", name, Users.PASSWORD).status()).isEqualTo(200);
    for (int attacker = 1; attacker <= 4; attacker++) {
      for (int i = 0; i < 5; i++) {
        assertThat(Users.loginFrom("198.51.100." + attacker, name, WRONG).status()).isEqualTo(401);
      }
    }

    RawHttp.Reply stranger = Users.loginFrom("203.0.113.77", name, Users.PASSWORD);
    RawHttp.Reply attacker = Users.loginFrom("198.51.100.1", name, Users.PASSWORD);
    RawHttp.Reply owner = Users.loginFrom("192.0.2.10", name, Users.PASSWORD);

    assertThat(stranger.status())
        .as("20 failures lock every unfamiliar address: %s", stranger.body())
        .isEqualTo(429);
    assertThat(attacker.status()).as(attacker.body()).isEqualTo(429);
    assertThat(owner.status()).as("the owner's address: %s", owner.body()).isEqualTo(200);
    assertThat(throttledEvents(name))
        .extracting(e -> (String) e.get("reason"))
        .anySatisfy(
            r ->
                assertThat(r)
                    .startsWith(
                        "account locked for 60 s for sources it has not signed in from after 20"));
  }

  @Test
  void anIpv6NetworkSharesOneLock() {
    String name = registered("v6");
    for (int i = 1; i <= 5; i++) {
      assertThat(Users.loginFrom("2001:db8:7:7::" + i, name, WRONG).status()).isEqualTo(401);
    }

    RawHttp.Reply sameNetwork = Users.loginFrom("2001:db8:7:7:ffff::1", name, Users.PASSWORD);

    assertThat(sameNetwork.status()).as(sameNetwork.body()).isEqualTo(429);
    assertThat(Users.loginFrom("2001:db8:7:8::1", name, Users.PASSWORD).status())
        .as("another /64 is another source")
        .isEqualTo(200);
  }

  @Test
  void aSuccessForgetsTheFailures() {
    String name = registered("forgiven");
    for (int i = 0; i < 4; i++) {
      api.login(name, WRONG);
    }
    assertThat(api.login(name, Users.PASSWORD).status()).isEqualTo(200);
    for (int i = 0; i < 4; i++) {
      assertThat(api.login(name, WRONG).status()).isEqualTo(401);
    }

    assertThat(api.login(name, Users.PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void wrongCurrentPasswordsInAPasswordChangeCountToo() {
    String name = registered("changer");
    String token = api.login(name, Users.PASSWORD).string("access_token");
    for (int i = 0; i < 5; i++) {
      assertThat(api.putJson("users/me/password", WRONG_CHANGE, token).status()).isEqualTo(400);
    }

    assertThrottled(api.putJson("users/me/password", WRONG_CHANGE, token), 1, 60);
    assertThrottled(api.login(name, Users.PASSWORD), 1, 60);
  }

  /**
   * A change refused for its new password checks no password: it neither counts as a failure nor,
   * with the right current password, resets the count, so the fifth wrong one still locks.
   */
  @Test
  void aChangeRefusedForItsNewPasswordChecksNoPassword() {
    String name = registered("weakchanger");
    String token = api.login(name, Users.PASSWORD).string("access_token");
    String weakChange =
        "{\"current_password\":\"" + Users.PASSWORD + "\",\"new_password\":\"short\"}";
    for (int i = 0; i < 4; i++) {
      assertThat(api.putJson("users/me/password", WRONG_CHANGE, token).status()).isEqualTo(400);
    }
    Api.Reply weak = api.putJson("users/me/password", weakChange, token);
    assertThat(weak.status()).as(weak.body()).isEqualTo(400);
    assertThat(weak.body()).contains("new_password").doesNotContain("current_password");
    assertThat(api.putJson("users/me/password", WRONG_CHANGE, token).status()).isEqualTo(400);

    assertThrottled(api.putJson("users/me/password", WRONG_CHANGE, token), 1, 60);
  }

  /**
   * The suite's server allows 600 checks a minute per address ({@link ItServer}); every test runs
   * from 127.0.0.1, so this one spends what is left of the minute's budget with the server's clock
   * stopped (so nothing refills, however slowly the machine answers), then moves the clock a minute
   * on so that the rest of the suite finds it full again. It guesses at one unknown name: after
   * five failures the name is locked, and each further attempt still spends the address's budget
   * (the address is counted before the name's lock is looked at) but is refused without a hash, so
   * the budget runs out quickly.
   */
  @Test
  void anAddressHasABudgetOfPasswordChecksAMinute() {
    String name = Users.unique("sprayed");
    api.stopClock(true);
    try {
      Api.Reply reply = null;
      int admitted = 0;
      for (int sent = 0; sent <= ItServer.ADDRESS_CHECKS_PER_MINUTE; sent++) {
        reply = api.login(name, WRONG);
        if (reply.status() == 429 && reply.body().contains("from this address")) {
          break;
        }
        if (reply.status() != 401) {
          assertThrottled(reply, 1, 60);
          assertThat(reply.body()).as("after 401s, the name's lock").contains("for this account");
        }
        admitted++;
      }

      assertThat(admitted)
          .as(
              "checks admitted before the budget ran out, nothing refilled (then %s %s)",
              reply.status(), reply.body())
          .isBetween(1, ItServer.ADDRESS_CHECKS_PER_MINUTE);
      assertThrottled(reply, 1, 1);
      assertThat(reply.body()).contains("from this address");
      assertThat(throttledReasonsUntil(LoginThrottle.digestName(name), ADDRESS_OVER_BUDGET))
          .as("a name that names no account is audited as its digest")
          .contains(ADDRESS_OVER_BUDGET)
          .allMatch(
              r -> r.equals(ADDRESS_OVER_BUDGET) || r.startsWith("account locked for"),
              "the address's refusal or the name's lock");
      assertThat(api.refresh("not-a-token").status())
          .as("refresh is not a password check and is never throttled")
          .isEqualTo(401);
    } finally {
      api.stopClock(false);
      api.moveClock(Duration.ofSeconds(61));
      assertThat(api.login(Users.ADMIN, Users.ADMIN_PASSWORD).status())
          .as("a minute later the budget is full again")
          .isEqualTo(200);
    }
  }

  /** Runs {@code call} {@code count} times at once, released together; bounded to a minute. */
  static <T> List<T> concurrently(int count, Callable<T> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(count);
    try {
      CountDownLatch ready = new CountDownLatch(count);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return call.call();
                }));
      }
      assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private String registered(String prefix) {
    String name = Users.unique(prefix);
    assertThat(api.register(name, Users.PASSWORD).status()).isEqualTo(201);
    return name;
  }

  private static void assertThrottled(Api.Reply reply, long minSeconds, long maxSeconds) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(429);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    assertThat(reply.json())
        .containsEntry("status", 429L)
        .containsEntry("title", "Too Many Requests");
    assertThat(Long.parseLong(reply.header("Retry-After"))).isBetween(minSeconds, maxSeconds);
  }

  private List<Map<String, Object>> throttledEvents(String username) {
    return throttledPage(0).stream().filter(e -> username.equals(e.get("username"))).toList();
  }

  /**
   * The reasons the username's throttling was audited with, newest first, read page by page until
   * one is {@code wanted}: a locked name's refusals can fill more than one page, and with the clock
   * stopped they all share one instant, so the wanted one may be on any of those pages. Bounded, so
   * that a missing event fails the test rather than reading the whole log.
   */
  private List<String> throttledReasonsUntil(String username, String wanted) {
    List<String> reasons = new ArrayList<>();
    for (int page = 0; page < 10 && !reasons.contains(wanted); page++) {
      List<Map<String, Object>> items = throttledPage(page);
      if (items.isEmpty()) {
        break;
      }
      items.stream()
          .filter(e -> username.equals(e.get("username")))
          .forEach(e -> reasons.add((String) e.get("reason")));
    }
    return reasons;
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> throttledPage(int page) {
    Api.Reply reply = api.get("admin/events?type=LOGIN_THROTTLED&size=200&page=" + page, admin);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return (List<Map<String, Object>>) reply.json().get("items");
  }
}
