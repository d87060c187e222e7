package dev.rotor.problems;

/** A failure the client caused and may be told about: it becomes a problem-details answer. */
public class ProblemException extends RuntimeException {

  private final int status;
  private final String title;
  private final String field;
  private final String reason;

  public ProblemException(int status, String title, String detail) {
    this(status, title, detail, null, null);
  }

  private ProblemException(int status, String title, String detail, String field, String reason) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
    this.field = field;
    this.reason = reason;
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
