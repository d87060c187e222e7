package dev.rotor.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Response times (ms, as Gatling measures them) and error counts per request name, kept by the
 * simulation itself: Gatling 3.15 writes its statistics only into the HTML report and a binary
 * {@code simulation.log}, so this is where the machine-readable summary comes from. Latency
 * percentiles are those of the successful requests (nearest rank).
 */
final class Latencies {

  private static final class Series {
    private int[] values = new int[4096];
    private int size;
    private long errors;

    synchronized void ok(int millis) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = millis;
    }

    synchronized void error() {
      errors++;
    }

    synchronized String json(double seconds) {
      int[] sorted = Arrays.copyOf(values, size);
      Arrays.sort(sorted);
      long sum = 0;
      for (int v : sorted) {
        sum += v;
      }
      return String.format(
          Locale.ROOT,
          "{\"requests\": %d, \"ok\": %d, \"errors\": %d, \"throughput_rps\": %s,"
              + " \"p50_ms\": %s, \"p90_ms\": %s, \"p95_ms\": %s, \"p99_ms\": %s,"
              + " \"max_ms\": %s, \"mean_ms\": %s}",
          size + errors,
          size,
          errors,
          seconds > 0 ? String.format(Locale.ROOT, "%.1f", size / seconds) : "null",
          percentile(sorted, 50),
          percentile(sorted, 90),
          percentile(sorted, 95),
          percentile(sorted, 99),
          size == 0 ? "null" : sorted[size - 1],
          size == 0 ? "null" : String.format(Locale.ROOT, "%.1f", (double) sum / size));
    }

    private static String percentile(int[] sorted, double p) {
      if (sorted.length == 0) {
        return "null";
      }
      int rank = (int) Math.ceil(p / 100.0 * sorted.length);
      return Integer.toString(sorted[Math.max(0, rank - 1)]);
    }
  }

  private final Map<String, Series> byName = new ConcurrentHashMap<>();

  void ok(String name, int millis) {
    byName.computeIfAbsent(name, n -> new Series()).ok(millis);
  }

  void error(String name) {
    byName.computeIfAbsent(name, n -> new Series()).error();
  }

  /**
   * {"name": {...}, ...}; throughput is successful requests per second of the measured window (only
   * meaningful for the measured request names).
   */
  String json(double measuredSeconds) {
    return byName.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> "\"" + e.getKey() + "\": " + e.getValue().json(measuredSeconds))
        .collect(Collectors.joining(",\n    ", "{\n    ", "\n  }"));
  }
}
