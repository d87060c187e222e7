package dev.rotor.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The clock of a run, the same for every virtual client: a warm-up from the start of the run, then
 * the measured window. Requests are named after the phase they start in, so Gatling's per-request
 * statistics of the measured name exclude the warm-up. The measured window ends at its planned end
 * or as soon as the optional stop file appears, whichever is first. The result file (JSON) gets the
 * phase ("measuring" once the warm-up is over, "done" at the end), the actual bounds of the
 * measured window and, at the end, the figures of every request name (see {@link Latencies}); the
 * throughput is successful requests divided by the measured window.
 */
final class Phases {

  private final BenchSettings settings;
  private volatile long warmUpEnd = Long.MAX_VALUE;
  private volatile long plannedEnd = Long.MAX_VALUE;
  private final AtomicLong measuredEnd = new AtomicLong(Long.MAX_VALUE);
  private volatile long nextStopFileCheck;
  private ScheduledExecutorService timer;
  private final Latencies latencies = new Latencies();

  Phases(BenchSettings settings) {
    this.settings = settings;
  }

  Latencies latencies() {
    return latencies;
  }

  /** Starts the clock; call from {@code Simulation.before()}. */
  void start() {
    long now = System.currentTimeMillis();
    warmUpEnd = now + settings.warmUpSeconds * 1000L;
    plannedEnd = warmUpEnd + settings.durationSeconds * 1000L;
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "bench-phases");
              t.setDaemon(true);
              return t;
            });
    timer.schedule(
        () -> {
          write("measuring", warmUpEnd, 0, "{}");
          System.out.println("bench: warm-up over, measuring");
        },
        Math.max(0, warmUpEnd - System.currentTimeMillis()),
        TimeUnit.MILLISECONDS);
  }

  /** True while the warm-up lasts. */
  boolean warmingUp() {
    return System.currentTimeMillis() < warmUpEnd;
  }

  /** True while the measured window is open (checked before each measured request). */
  boolean measuring() {
    long now = System.currentTimeMillis();
    if (measuredEnd.get() != Long.MAX_VALUE) {
      return false;
    }
    boolean stop = now >= plannedEnd;
    if (!stop && !settings.stopFile.isBlank() && now >= nextStopFileCheck) {
      nextStopFileCheck = now + 100;
      stop = Files.exists(Path.of(settings.stopFile));
    }
    if (stop) {
      measuredEnd.compareAndSet(Long.MAX_VALUE, Math.min(now, plannedEnd));
      return false;
    }
    return true;
  }

  /** Records the measured window; call from {@code Simulation.after()}. */
  void finish() {
    timer.shutdownNow();
    long end = measuredEnd.get() == Long.MAX_VALUE ? plannedEnd : measuredEnd.get();
    write("done", warmUpEnd, end, latencies.json((end - warmUpEnd) / 1000.0));
    System.out.printf("bench: measured window %.1f s (%s)%n", (end - warmUpEnd) / 1000.0, settings);
  }

  private void write(String phase, long start, long end, String requests) {
    if (settings.resultFile.isBlank()) {
      return;
    }
    String json =
        String.format(
            Locale.ROOT,
            "{\n  \"phase\": \"%s\",\n  \"measured_start_ms\": %d,\n  \"measured_end_ms\": %d,\n"
                + "  \"measured_seconds\": %.3f,\n  \"clients\": %d,\n  \"warmup_s\": %d,\n"
                + "  \"planned_duration_s\": %d,\n  \"requests\": %s\n}\n",
            phase,
            start,
            end,
            end > start ? (end - start) / 1000.0 : 0.0,
            settings.clients,
            settings.warmUpSeconds,
            settings.durationSeconds,
            requests);
    try {
      Path file = Path.of(settings.resultFile);
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, json);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write bench.resultFile", e);
    }
  }
}
