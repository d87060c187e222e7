package dev.rotor.problems;

import jakarta.ws.rs.core.Response;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What went wrong, before any format renders it: the status and words of the problem-details
 * answer, the headers it carries, the request fields at fault ({@code invalid_params}), and the
 * exception it comes from, so that a format with a vocabulary of its own (OAuth's error codes) can
 * word a neutral reason ({@code RefreshRejected}, {@code ClientRejected}) itself.
 */
public record Failure(
    int status,
    String title,
    String detail,
    Map<String, String> invalidParams,
    Map<String, String> headers,
    Exception cause) {

  /** The challenge of a 403 for a valid bearer token that does not reach far enough. */
  public static final String INSUFFICIENT_SCOPE =
      "Bearer error=\"insufficient_scope\","
          + " error_description=\"The token does not grant the role this resource needs.\"";

  /**
   * Seconds a client is asked to wait before it retries after a 503: the database is usually back
   * within a few seconds (a restart, a failover), and Rotor serves again at once when it is.
   */
  public static final int RETRY_AFTER_SECONDS = 2;

  public Failure {
    invalidParams =
        invalidParams == null
            ? null
            : Collections.unmodifiableMap(new LinkedHashMap<>(invalidParams));
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  public static Failure of(int status, String title, String detail) {
    return new Failure(status, title, detail, null, Map.of(), null);
  }

  /**
   * A status that needs no words of its own (401, 403, 404, 405...), as JAX-RS's own failures get
   * it; a 403 (a valid token without the role) carries RFC 6750 §3.1's {@code insufficient_scope}.
   */
  public static Failure standard(int status) {
    Failure failure = of(status, standardTitle(status), standardDetail(status));
    return status == 403 ? failure.withHeader("WWW-Authenticate", INSUFFICIENT_SCOPE) : failure;
  }

  /**
   * A 503 with {@code Retry-After}: a dependency (the database) is out of reach for now. The
   * request changed nothing that the client could miss, so the same request may simply be sent
   * again.
   */
  public static Failure unavailable(String detail) {
    return of(503, "Service Unavailable", detail)
        .withHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
  }

  public Failure withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new Failure(status, title, detail, invalidParams, more, cause);
  }

  /** Names each invalid field (the {@code invalid_params} extension of RFC 9457). */
  public Failure withInvalidParams(Map<String, String> reasons) {
    return new Failure(status, title, detail, reasons, headers, cause);
  }

  public Failure because(Exception exception) {
    return new Failure(status, title, detail, invalidParams, headers, exception);
  }

  /** The value of a header this failure carries (names compared case-insensitively), or null. */
  public String header(String name) {
    for (Map.Entry<String, String> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase(name)) {
        return header.getValue();
      }
    }
    return null;
  }

  public static String standardTitle(int status) {
    Response.Status known = Response.Status.fromStatusCode(status);
    return known != null ? known.getReasonPhrase() : "HTTP " + status;
  }

  public static String standardDetail(int status) {
    return switch (status) {
      case 400 -> "The request is malformed.";
      case 401 -> "A valid bearer token is required.";
      case 403 -> "The token does not grant the role this resource needs.";
      case 404 -> "No such resource.";
      case 405 -> "This method is not allowed on this resource.";
      case 406 -> "This resource answers application/json only.";
      case 413 -> "The request body is too large.";
      case 415 -> "The request body is not of the media type this endpoint takes.";
      default -> null;
    };
  }
}
