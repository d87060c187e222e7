package dev.rotor.security;

/**
 * The shape of the ids Rotor issues (users, sessions): UUIDs, at most {@value #MAX_LENGTH} ASCII
 * letters, digits and hyphens. Anything else names nothing Rotor holds, so it is refused before it
 * reaches a query: PostgreSQL answers a NUL in a query parameter with an error, not with no rows.
 */
public final class Ids {

  /** A UUID's 36 characters. */
  public static final int MAX_LENGTH = 36;

  /**
   * The {@code {id}} path parameter, matched only by an id of that shape: any other segment ({@code
   * %00}, 300 characters) is no resource, a 404, before any resource code runs.
   */
  public static final String PATH_PARAMETER = "{id: [0-9A-Za-z-]{1," + MAX_LENGTH + "}}";

  private Ids() {}

  /** Whether the text has the shape of an id Rotor issues. */
  public static boolean isId(String text) {
    return text != null
        && !text.isEmpty()
        && text.length() <= MAX_LENGTH
        && text.chars().allMatch(c -> c == '-' || Character.isLetterOrDigit(c) && c < 0x80);
  }
}
