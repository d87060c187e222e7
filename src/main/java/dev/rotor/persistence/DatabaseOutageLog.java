package dev.rotor.persistence;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Logs requests answered 503 because the database was out of reach: the first at once, then at most
 * one line every {@link #INTERVAL_NANOS} with the count since, so that an outage under load writes
 * a few lines, not one stack trace per request. Only the innermost cause's class and message are
 * logged: they never hold a token or a password (statements are sent with bound parameters).
 */
public final class DatabaseOutageLog {

  /** The detail of every such 503. */
  public static final String DETAIL =
      "The database is out of reach for the moment; retry after the time given.";

  private static final System.Logger LOG = System.getLogger(DatabaseOutageLog.class.getName());
  private static final long INTERVAL_NANOS = 10_000_000_000L;

  private static final AtomicLong unlogged = new AtomicLong();
  private static final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - INTERVAL_NANOS);

  private DatabaseOutageLog() {}

  public static void record(Throwable failure) {
    long count = unlogged.incrementAndGet();
    long now = System.nanoTime();
    long last = lastLogged.get();
    if (now - last < INTERVAL_NANOS || !lastLogged.compareAndSet(last, now)) {
      return;
    }
    unlogged.addAndGet(-count);
    LOG.log(
        System.Logger.Level.WARNING,
        "Database out of reach: {0} request(s) answered 503 since the last report; cause: {1}",
        count,
        innermost(failure));
  }

  private static String innermost(Throwable failure) {
    Throwable cause = failure;
    for (int depth = 0; cause.getCause() != null && depth < 32; depth++) {
      cause = cause.getCause();
    }
    return cause.getClass().getName() + ": " + cause.getMessage();
  }
}
