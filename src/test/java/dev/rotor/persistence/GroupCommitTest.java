package dev.rotor.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

  private final ExecutorService threads = Executors.newCachedThreadPool();

  /** Every batch written, in order; the writer answers each request with "request!". */
  private final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());

  private final CountDownLatch firstBatchStarted = new CountDownLatch(1);
  private final CountDownLatch releaseFirstBatch = new CountDownLatch(1);

  private List<String> write(List<String> batch) {
    batches.add(List.copyOf(batch));
    if (batches.size() == 1) {
      firstBatchStarted.countDown();
      await(releaseFirstBatch);
    }
    if (batch.contains("fail")) {
      throw new IllegalStateException("the database said no");
    }
    return batch.stream().map(r -> r + "!").toList();
  }

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  @Test
  void aRequestAloneIsWrittenAtOnceOnItsOwnThread() {
    var group = new GroupCommit<String, String>(b -> b.stream().map(r -> r + "!").toList(), 8);

    assertThat(group.submit("a")).isEqualTo("a!");
    assertThat(group.submit("b")).isEqualTo("b!");
  }

  @Test
  void requestsArrivingWhileABatchIsWrittenGoTogetherInTheNextAndEachGetsItsOwnResult()
      throws Exception {
    releaseFirstBatch.countDown();
    var held = new CountDownLatch(1);
    var group =
        new GroupCommit<String, String>(
            b -> {
              batches.add(List.copyOf(b));
              if (batches.size() == 1) {
                firstBatchStarted.countDown();
                await(held);
              }
              return b.stream().map(r -> r + "!").toList();
            },
            8);
    Future<String> first = threads.submit(() -> group.submit("first"));
    assertThat(firstBatchStarted.await(10, TimeUnit.SECONDS)).isTrue();

    List<Future<String>> waiting = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String request = "r" + i;
      waiting.add(threads.submit(() -> group.submit(request)));
    }
    awaitQueued(group, 5);
    held.countDown();

    assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first!");
    for (int i = 0; i < 5; i++) {
      assertThat(waiting.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("r" + i + "!");
    }
    assertThat(batches).hasSize(2);
    assertThat(batches.get(1)).containsExactlyInAnyOrder("r0", "r1", "r2", "r3", "r4");
  }

  @Test
  void aBatchIsNeverLargerThanTheLimit() throws Exception {
    var group = new GroupCommit<String, String>(this::write, 2);
    Future<String> first = threads.submit(() -> group.submit("first"));
    assertThat(firstBatchStarted.await(10, TimeUnit.SECONDS)).isTrue();
    List<Future<String>> waiting = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String request = "r" + i;
      waiting.add(threads.submit(() -> group.submit(request)));
    }
    awaitQueued(group, 5);
    releaseFirstBatch.countDown();

    first.get(10, TimeUnit.SECONDS);
    for (Future<String> f : waiting) {
      f.get(10, TimeUnit.SECONDS);
    }
    assertThat(batches.subList(1, batches.size()))
        .allSatisfy(b -> assertThat(b).hasSizeLessThanOrEqualTo(2));
    assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(6);
  }

  @Test
  void aFailedBatchFailsEveryRequestInItAndTheNextBatchStillRuns() throws Exception {
    var group = new GroupCommit<String, String>(this::write, 8);
    Future<String> first = threads.submit(() -> group.submit("first"));
    assertThat(firstBatchStarted.await(10, TimeUnit.SECONDS)).isTrue();
    Future<String> failing = threads.submit(() -> group.submit("fail"));
    Future<String> alongside = threads.submit(() -> group.submit("alongside"));
    awaitQueued(group, 2);
    releaseFirstBatch.countDown();

    assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first!");
    assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> alongside.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(IllegalStateException.class);
    assertThat(group.submit("later")).isEqualTo("later!");
  }

  private static void awaitQueued(GroupCommit<?, ?> group, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (group.queued() < count) {
      assertThat(System.nanoTime()).as("%d requests queued in time", count).isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
