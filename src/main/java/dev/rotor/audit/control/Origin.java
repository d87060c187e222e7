package dev.rotor.audit.control;

/**
 * Where a request came from: the client's address and its user agent, either may be null, cut to
 * what the tables keep (64 and 255 characters) once, here, for every writer. Control characters (a
 * NUL above all, which PostgreSQL refuses) become {@code ?}: a server that lets one through in a
 * header must not turn an audit insert into a 500.
 */
public record Origin(String address, String userAgent) {

  public static final int ADDRESS_MAX = 64;
  public static final int USER_AGENT_MAX = 255;

  /** For work no client asked for (the purge timer, start-up). */
  public static final Origin SERVER = new Origin(null, null);

  public Origin {
    address = asStored(address, ADDRESS_MAX);
    userAgent = asStored(userAgent, USER_AGENT_MAX);
  }

  private static String asStored(String value, int max) {
    if (value == null) {
      return null;
    }
    String cut = value.length() <= max ? value : value.substring(0, max);
    return cut.chars().anyMatch(Character::isISOControl)
        ? cut.codePoints()
            .map(c -> Character.isISOControl(c) ? '?' : c)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString()
        : cut;
  }
}
