package dev.rotor.problems;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** Builds {@code application/problem+json} answers (RFC 9457). */
public final class Problems {

  public static final String MEDIA_TYPE = "application/problem+json";

  /**
   * Seconds a client is asked to wait before it retries after a 503: the database is usually back
   * within a few seconds (a restart, a failover), and Rotor serves again at once when it is.
   */
  public static final int RETRY_AFTER_SECONDS = 2;

  private Problems() {}

  public static Response response(int status, String title, String detail) {
    return Response.status(status)
        .type(MEDIA_TYPE)
        .entity(json(status, title, detail, null))
        .build();
  }

  /**
   * The answer for a status that needs no words of its own (401, 403, 404, 405...), as JAX-RS's own
   * failures get it; a 401 carries the {@code Bearer} challenge, a 403 (a valid token without the
   * role) RFC 6750 §3.1's {@code insufficient_scope}.
   */
  public static Response standard(int status) {
    String title = WebApplicationExceptionMapper.title(status);
    String detail = WebApplicationExceptionMapper.detail(status);
    return switch (status) {
      case 401 -> unauthorized(detail);
      case 403 ->
          Response.fromResponse(response(status, title, detail))
              .header("WWW-Authenticate", INSUFFICIENT_SCOPE)
              .build();
      default -> response(status, title, detail);
    };
  }

  /** The challenge of a 403 for a valid bearer token that does not reach far enough. */
  public static final String INSUFFICIENT_SCOPE =
      "Bearer error=\"insufficient_scope\","
          + " error_description=\"The token does not grant the role this resource needs.\"";

  /** A 401 with the {@code Bearer} challenge (RFC 6750 §3): the client must authenticate anew. */
  public static Response unauthorized(String detail) {
    return Response.fromResponse(response(401, "Unauthorized", detail))
        .header("WWW-Authenticate", "Bearer")
        .build();
  }

  /**
   * A 503 with {@code Retry-After}: a dependency (the database) is out of reach for now. The
   * request changed nothing that the client could miss, so the same request may simply be sent
   * again.
   */
  public static Response unavailable(String detail) {
    return Response.fromResponse(response(503, "Service Unavailable", detail))
        .header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS))
        .build();
  }

  /** A 400 that names each invalid field (the {@code invalid_params} extension of RFC 9457). */
  public static Response invalidParams(String detail, Map<String, String> reasons) {
    return invalidParams(400, "Bad Request", detail, reasons);
  }

  public static Response invalidParams(
      int status, String title, String detail, Map<String, String> reasons) {
    return Response.status(status)
        .type(MEDIA_TYPE)
        .entity(json(status, title, detail, reasons))
        .build();
  }

  static String json(int status, String title, String detail, Map<String, String> invalid) {
    JsonObjectBuilder body =
        Json.createObjectBuilder()
            .add("type", "about:blank")
            .add("title", title)
            .add("status", status);
    if (detail != null) {
      body.add("detail", detail);
    }
    if (invalid != null) {
      JsonArrayBuilder params = Json.createArrayBuilder();
      invalid.forEach(
          (name, reason) ->
              params.add(Json.createObjectBuilder().add("name", name).add("reason", reason)));
      body.add("invalid_params", params);
    }
    return body.build().toString();
  }
}
