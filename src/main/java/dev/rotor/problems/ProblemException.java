package dev.rotor.problems;

/** A failure the client caused and may be told about: it becomes a problem-details answer. */
public class ProblemException extends RuntimeException {

  private final int status;
  private final String title;

  public ProblemException(int status, String title, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
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
