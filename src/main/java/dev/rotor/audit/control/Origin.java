package dev.rotor.audit.control;

/** Where a request came from: the client's address and its user agent, either may be null. */
public record Origin(String address, String userAgent) {

  /** For work no client asked for (the purge timer, start-up). */
  public static final Origin SERVER = new Origin(null, null);
}
