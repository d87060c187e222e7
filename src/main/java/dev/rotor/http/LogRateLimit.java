package dev.rotor.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * At most one log line per cause per interval: the first occurrence of a cause is logged at once;
 * later ones within the interval are only counted, and the first one after it is logged with that
 * count. So a flood of one kind of bad request costs a line a minute, not a line (or a stack trace)
 * per request, while a new kind of failure still shows at once.
 *
 * <p>The text of a cause comes partly from what clients sent, so the table of causes has a bounded
 * size: a cause that finds it full (and no quiet cause to forget) is counted as {@link #OTHER}. A
 * count not reported yet goes out with the next line of its cause: when a flood stops, its last
 * interval is summed up when the cause comes back.
 */
final class LogRateLimit {

  /** The name of every cause counted while the table was full. */
  static final String OTHER = "(other causes)";

  /** A line to log now: its cause, and how many of that cause went unlogged since its last line. */
  record Line(String cause, long unlogged) {}

  private final Clock clock;
  private final Duration interval;
  private final int maxCauses;
  private final Map<String, Window> windows = new HashMap<>();
  private final Window other = new Window(null);

  LogRateLimit(Clock clock, Duration interval, int maxCauses) {
    this.clock = clock;
    this.interval = interval;
    this.maxCauses = maxCauses;
  }

  /** Counts one occurrence of the cause; answers the line to log now, if one is due. */
  synchronized Optional<Line> admit(String cause) {
    Instant now = clock.instant();
    Window window = windows.get(cause);
    if (window == null && windows.size() >= maxCauses) {
      forgetQuietCauses(now);
    }
    if (window == null && windows.size() >= maxCauses) {
      return count(other, OTHER, now);
    }
    if (window == null) {
      windows.put(cause, new Window(now));
      return Optional.of(new Line(cause, 0));
    }
    return count(window, cause, now);
  }

  private Optional<Line> count(Window window, String cause, Instant now) {
    // A clock set back (by an operator, or NTP) starts a new interval instead of muting the cause.
    if (window.start == null
        || now.isBefore(window.start)
        || !now.isBefore(window.start.plus(interval))) {
      long unlogged = window.unlogged;
      window.start = now;
      window.unlogged = 0;
      return Optional.of(new Line(cause, unlogged));
    }
    window.unlogged++;
    return Optional.empty();
  }

  /**
   * Causes whose interval is over with nothing to report: their next line is a first one anyway.
   */
  private void forgetQuietCauses(Instant now) {
    windows.values().removeIf(w -> w.unlogged == 0 && !now.isBefore(w.start.plus(interval)));
  }

  private static final class Window {
    Instant start;
    long unlogged;

    Window(Instant start) {
      this.start = start;
    }
  }
}
