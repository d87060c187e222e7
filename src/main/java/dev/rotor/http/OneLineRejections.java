package dev.rotor.http;

import java.util.Optional;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.regex.Pattern;

/**
 * A java.util.logging filter for a server's logger that logs each request it rejects with the
 * exception: Payara's MicroProfile JWT writes a stack trace of 40 to 60 lines for every forged
 * bearer token, RESTEasy (WildFly) 73 for every unparsable header, so a stranger could fill the
 * disk and bury real alarms. A record with an exception becomes one line that names the innermost
 * cause, and the same cause goes out at most once per interval with the count of those not logged
 * ({@link LogRateLimit}). Records without an exception, and those the logger logs for anything but
 * a rejection, pass unchanged.
 *
 * <p>The cause's message can quote what the client sent (a header's JSON, a claim): it is cut to
 * printable ASCII, numbers and runs of base64url as long as a piece of a token are blanked, and it
 * is shortened, so the line holds no token and cannot forge lines of its own. Numbers are blanked
 * also so that positions ("column 12") do not make new causes.
 */
final class OneLineRejections implements Filter {

  private static final int MAX_CAUSE_LENGTH = 160;
  private static final Pattern TOKEN_LIKE = Pattern.compile("[A-Za-z0-9_\\-]{20,}");
  private static final Pattern NUMBER = Pattern.compile("\\b[0-9]+\\b");
  private static final Pattern UNPRINTABLE = Pattern.compile("[^\\x20-\\x7E]");

  private final String what;
  private final String messageContains;
  private final LogRateLimit limit;
  private final Filter previous;

  /**
   * @param what what was rejected, as the line starts ("Rejected a bearer token")
   * @param messageContains if not null, only records whose (unformatted) message contains it are
   *     rejections; the logger's other records pass unchanged
   * @param previous the filter the logger had, still asked first; may be null
   */
  OneLineRejections(String what, String messageContains, LogRateLimit limit, Filter previous) {
    this.what = what;
    this.messageContains = messageContains;
    this.limit = limit;
    this.previous = previous;
  }

  Filter previous() {
    return previous;
  }

  @Override
  public boolean isLoggable(LogRecord record) {
    if (previous != null && !previous.isLoggable(record)) {
      return false;
    }
    Throwable thrown = record.getThrown();
    if (thrown == null
        || messageContains != null
            && (record.getMessage() == null || !record.getMessage().contains(messageContains))) {
      return true;
    }
    Optional<LogRateLimit.Line> line = limit.admit(cause(thrown));
    if (line.isEmpty()) {
      return false;
    }
    // The record is rewritten rather than replaced: it keeps its logger, level, time and thread,
    // and every handler of the logger sees the one line.
    record.setThrown(null);
    record.setParameters(null);
    record.setResourceBundle(null);
    record.setResourceBundleName(null);
    record.setMessage(text(line.get()));
    return true;
  }

  private String text(LogRateLimit.Line line) {
    return what
        + ": "
        + line.cause()
        + (line.unlogged() == 0
            ? " (the same cause is logged at most once a minute, with a count)"
            : " (" + line.unlogged() + " more with this cause since its last line)");
  }

  /** The innermost cause's class and message, made safe to log. */
  static String cause(Throwable thrown) {
    Throwable cause = thrown;
    for (int depth = 0; cause.getCause() != null && cause.getCause() != cause && depth < 32; ) {
      cause = cause.getCause();
      depth++;
    }
    String message = cause.getMessage();
    String text =
        cause.getClass().getSimpleName() + (message == null ? "" : ": " + safe(message.strip()));
    return text.length() <= MAX_CAUSE_LENGTH ? text : text.substring(0, MAX_CAUSE_LENGTH) + "...";
  }

  private static String safe(String message) {
    String printable = UNPRINTABLE.matcher(message).replaceAll("?");
    String noTokens = TOKEN_LIKE.matcher(printable).replaceAll("[...]");
    return NUMBER.matcher(noTokens).replaceAll("#");
  }
}
