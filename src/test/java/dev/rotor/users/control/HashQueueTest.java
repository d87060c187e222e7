package dev.rotor.users.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rotor.problems.ProblemException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The hash queue is bounded: with every hashing thread busy and every waiting place taken, the next
 * check is refused at once with 503 and Retry-After, instead of parking its HTTP thread.
 */
class HashQueueTest {

  /** Hashes only when the test lets it, and says when it has started. */
  static final class HeldEngine implements Argon2idEngine {
    final Semaphore started = new Semaphore(0);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public byte[] hash(
        byte[] password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
      started.release();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new byte[length];
    }

    @Override
    public String name() {
      return "held";
    }
  }

  @Test
  void aFullQueueAnswers503AtOnceAndTheQueuedHashesStillComplete() throws Exception {
    HeldEngine engine = new HeldEngine();
    Argon2idPasswordHash hash = new Argon2idPasswordHash(() -> engine, 1, 2);

    var running = CompletableFuture.supplyAsync(() -> hash.generate("a".toCharArray()));
    assertThat(engine.started.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
    var queued1 = CompletableFuture.supplyAsync(() -> hash.generate("b".toCharArray()));
    var queued2 = CompletableFuture.supplyAsync(() -> hash.generate("c".toCharArray()));
    awaitQueued(hash, 2);

    assertThatThrownBy(() -> hash.generate("d".toCharArray()))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.status()).isEqualTo(503);
              assertThat(e.retryAfterSeconds()).isEqualTo(1);
            });

    engine.release.countDown();
    assertThat(running.get(10, TimeUnit.SECONDS)).startsWith("$argon2id$");
    assertThat(queued1.get(10, TimeUnit.SECONDS)).startsWith("$argon2id$");
    assertThat(queued2.get(10, TimeUnit.SECONDS)).startsWith("$argon2id$");
    assertThat(hash.generate("e".toCharArray()))
        .as("the queue takes work again once it drains")
        .startsWith("$argon2id$");
  }

  /** Waits for the other threads to queue, without sleeping: they get there in microseconds. */
  private static void awaitQueued(Argon2idPasswordHash hash, int count) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (hash.waiting() < count) {
      assertThat(System.nanoTime()).as("%d hashes queued in time", count).isLessThan(deadline);
      Thread.onSpinWait();
    }
    assertThat(hash.waiting()).isEqualTo(count);
  }
}
