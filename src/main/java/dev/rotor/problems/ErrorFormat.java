package dev.rotor.problems;

/**
 * A format errors are answered in on the paths it owns. Problem details are the default; a
 * component whose paths speak another format (the OAuth endpoints' RFC 6749 error JSON) provides a
 * CDI bean of this type, so that problems need not know those paths.
 */
public interface ErrorFormat {

  /** True when this format owns the path (relative to the application, without a leading slash). */
  boolean owns(String path);

  /** The answer for this failure. */
  ErrorAnswer render(Failure failure);
}
