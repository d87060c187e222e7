package dev.rotor.problems;

import java.time.Duration;

/** A failure the client caused and may be told about: it becomes a problem-details answer. */
public class ProblemException extends RuntimeException {

  private final int status;
  private final String title;
  private final String field;
  private final String reason;
  private final long retryAfterSeconds;

  public ProblemException(int status, String title, String detail) {
    this(status, title, detail, null, null);
  }

  private ProblemException(int status, String title, String detail, String field, String reason) {
    this(status, title, detail, field, reason, 0);
  }

  /** An answer that tells the client when to try again ({@code Retry-After}, whole seconds). */
  protected ProblemException(int status, String title, String detail, Duration retryAfter) {
    this(status, title, detail, null, null, retryAfterSeconds(retryAfter));
  }

  private ProblemException(
      int status, String title, String detail, String field, String reason, long retryAfter) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
    this.field = field;
    this.reason = reason;
    this.retryAfterSeconds = retryAfter;
  }

  /** 503: the server cannot take this now; try again after the given time. */
  public static ProblemException unavailable(String detail, Duration retryAfter) {
    return new ProblemException(503, "Service Unavailable", detail, retryAfter);
  }

  /** Rounded up, at least one second: a client told "0" would retry at once. */
  static long retryAfterSeconds(Duration wait) {
    long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
    return Math.max(1, seconds);
  }

  /** Seconds for {@code Retry-After}, or 0 when the answer carries none. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** A 400 about one request field, named in {@code invalid_params}. */
  public static ProblemException invalidField(String field, String reason) {
    return new ProblemException(400, "Bad Request", field + ": " + reason, field, reason);
  }

  /** A 409 about one request field whose value is already taken. */
  public static ProblemException conflict(String field, String reason) {
    return new ProblemException(409, "Conflict", field + ": " + reason, field, reason);
  }

  /** The request field at fault, or null. */
  public String field() {
    return field;
  }

  /** What is wrong with {@link #field()}. */
  public String reason() {
    return reason;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return getMessage();
  }
}
