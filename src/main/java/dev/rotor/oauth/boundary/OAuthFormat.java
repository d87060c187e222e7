package dev.rotor.oauth.boundary;

import dev.rotor.clients.control.ClientRejected;
import dev.rotor.clients.control.RegistrationRejected;
import dev.rotor.oauth.control.OAuthError;
import dev.rotor.problems.ErrorAnswer;
import dev.rotor.problems.ErrorFormat;
import dev.rotor.problems.Failure;
import dev.rotor.problems.ProblemFormat;
import dev.rotor.sessions.control.RefreshRejected;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RFC 6749's error JSON ({@code {"error", "error_description"}}, never cached), the format of the
 * OAuth endpoints. OAuth's own errors and the neutral rejections of a client or a refresh token get
 * their RFC 6749 §5.2 codes, {@code invalid_client} with a Basic challenge. Any other client error
 * is {@code invalid_request} and a 503 (the database out of reach) {@code temporarily_unavailable},
 * keeping {@code Allow} and {@code Retry-After}. A bearer challenge (401, 403) and a 500 stay
 * problem details.
 */
@ApplicationScoped
public class OAuthFormat implements ErrorFormat {

  private static final ErrorFormat PROBLEMS = new ProblemFormat();

  /**
   * The OAuth endpoints that answer in RFC 6749's format; UserInfo is a protected resource and
   * answers as RFC 6750 says.
   */
  @Override
  public boolean owns(String path) {
    return path.startsWith("oauth2/") && !path.startsWith("oauth2/userinfo");
  }

  @Override
  public ErrorAnswer render(Failure failure) {
    if (failure.cause() instanceof OAuthError e) {
      ErrorAnswer answer = own(e.status(), e.code(), e.getMessage());
      if (e.retryAfterSeconds() > 0) {
        Map<String, String> headers = new LinkedHashMap<>(answer.headers());
        headers.put("Retry-After", String.valueOf(e.retryAfterSeconds()));
        return new ErrorAnswer(answer.status(), answer.mediaType(), headers, answer.body());
      }
      return answer;
    }
    if (failure.cause() instanceof RegistrationRejected e) {
      return registration(e);
    }
    if (failure.cause() instanceof ClientRejected e) {
      return switch (e.reason()) {
        case MALFORMED -> own(400, "invalid_request", e.detail());
        case FAILED -> own(401, "invalid_client", e.detail());
        case NOT_ALLOWED -> own(400, "unauthorized_client", e.detail());
      };
    }
    if (failure.cause() instanceof RefreshRejected e) {
      return own(
          400,
          e.reason() == RefreshRejected.Reason.WIDER_SCOPE ? "invalid_scope" : "invalid_grant",
          e.detail());
    }
    int status = failure.status();
    boolean clientError = status >= 400 && status < 500 && status != 401 && status != 403;
    if (!clientError && status != 503) {
      return PROBLEMS.render(failure);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    failure
        .headers()
        .forEach(
            (name, value) -> {
              if (!name.equalsIgnoreCase("WWW-Authenticate")) {
                headers.put(name, value);
              }
            });
    headers.put("Cache-Control", "no-store");
    return new ErrorAnswer(
        status,
        MediaType.APPLICATION_JSON,
        headers,
        body(status == 503 ? "temporarily_unavailable" : "invalid_request", failure.detail()));
  }

  /**
   * RFC 7591 §3.2.2's codes for bad metadata; a bad initial access token is RFC 6750 §3.1's {@code
   * invalid_token}, with its challenge.
   */
  private static ErrorAnswer registration(RegistrationRejected e) {
    return switch (e.reason()) {
      case INVALID_REDIRECT_URI -> own(400, "invalid_redirect_uri", e.detail());
      case INVALID_METADATA -> own(400, "invalid_client_metadata", e.detail());
      case INVALID_TOKEN -> {
        ErrorAnswer basic = own(401, "invalid_token", e.detail());
        Map<String, String> headers = new LinkedHashMap<>(basic.headers());
        headers.put("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        yield new ErrorAnswer(401, basic.mediaType(), headers, basic.body());
      }
    };
  }

  /** An error OAuth names itself (RFC 6749 §5.2). */
  private static ErrorAnswer own(int status, String code, String description) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Cache-Control", "no-store");
    headers.put("Pragma", "no-cache");
    if (status == 401) {
      headers.put("WWW-Authenticate", "Basic realm=\"rotor\"");
    }
    return new ErrorAnswer(status, MediaType.APPLICATION_JSON, headers, body(code, description));
  }

  static String body(String code, String description) {
    var json = Json.createObjectBuilder().add("error", code);
    if (description != null) {
      json.add("error_description", description);
    }
    return json.build().toString();
  }
}
