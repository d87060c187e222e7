package dev.rotor.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.it.support.Api;
import dev.rotor.it.support.RotorIT;
import dev.rotor.it.support.Users;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@RotorIT
class RefreshRaceIT {

  private static final int THREADS = 20;

  Api api;

  @Test
  void twentyConcurrentRefreshesWithOneTokenGiveExactlyOneSuccess() throws Exception {
    String token = Users.registeredAndLoggedIn(api, "race").string("refresh_token");

    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Api.Reply>> replies = new ArrayList<>();
    try {
      for (int i = 0; i < THREADS; i++) {
        replies.add(
            pool.submit(
                () -> {
                  start.await();
                  return api.refresh(token);
                }));
      }
      start.countDown();
      List<Integer> statuses = new ArrayList<>();
      Api.Reply winner = null;
      for (Future<Api.Reply> reply : replies) {
        Api.Reply r = reply.get(60, TimeUnit.SECONDS);
        statuses.add(r.status());
        if (r.status() == 200) {
          winner = r;
        }
      }

      assertThat(statuses).containsOnly(200, 401);
      assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
      assertThat(api.refresh(winner.string("refresh_token")).status())
          .as("the losers were replays, so the session is revoked")
          .isEqualTo(401);
    } finally {
      pool.shutdownNow();
    }
  }
}
