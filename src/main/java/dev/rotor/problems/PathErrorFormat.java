package dev.rotor.problems;

/**
 * A component whose paths answer client errors in a format of their own (the OAuth endpoints' RFC
 * 6749 error JSON): errors that the servlet layer answers (the container's error pages, the header
 * limit) ask the CDI beans of this type, so that problems need not know those paths. Challenges
 * (401, 403) always stay problem details with their {@code WWW-Authenticate}.
 */
public interface PathErrorFormat {

  /** True when this format owns the path (relative to the application, leading slash or not). */
  boolean owns(String path);

  /** The media type of {@link #body}. */
  String mediaType();

  /** The body for a 4xx with this detail (null when there is none to tell). */
  String body(int status, String detail);
}
