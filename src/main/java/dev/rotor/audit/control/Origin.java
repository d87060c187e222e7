package dev.rotor.audit.control;

/**
 * Where a request came from: the client's address and its user agent, either may be null, cut to
 * what the tables keep (64 and 255 characters) once, here, for every writer.
 */
public record Origin(String address, String userAgent) {

  public static final int ADDRESS_MAX = 64;
  public static final int USER_AGENT_MAX = 255;

  /** For work no client asked for (the purge timer, start-up). */
  public static final Origin SERVER = new Origin(null, null);

  public Origin {
    address = truncate(address, ADDRESS_MAX);
    userAgent = truncate(userAgent, USER_AGENT_MAX);
  }

  private static String truncate(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
