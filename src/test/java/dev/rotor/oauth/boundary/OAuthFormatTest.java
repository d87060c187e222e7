package dev.rotor.oauth.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.clients.control.ClientRejected;
import dev.rotor.clients.control.RegistrationRejected;
import dev.rotor.oauth.control.OAuthError;
import dev.rotor.problems.ErrorAnswer;
import dev.rotor.problems.ErrorFormats;
import dev.rotor.problems.Failure;
import dev.rotor.problems.ProblemFormat;
import dev.rotor.sessions.control.RefreshRejected;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class OAuthFormatTest {

  private final OAuthFormat format = new OAuthFormat();

  private static JsonObject json(ErrorAnswer answer) {
    return Json.createReader(new StringReader(answer.body())).readObject();
  }

  private static JsonObject error(String code, String description) {
    return Json.createObjectBuilder()
        .add("error", code)
        .add("error_description", description)
        .build();
  }

  @Test
  void ownsTheOAuthEndpointsButNotUserInfo() {
    assertThat(format.owns("oauth2/token")).isTrue();
    assertThat(format.owns("oauth2/authorize")).isTrue();
    assertThat(format.owns("oauth2/introspect")).isTrue();
    assertThat(format.owns("oauth2/userinfo")).isFalse();
    assertThat(format.owns("oauth2")).isFalse();
    assertThat(format.owns("auth/login")).isFalse();
    assertThat(format.owns(".well-known/openid-configuration")).isFalse();
  }

  @Test
  void errorFormatsChooseItForOAuthPathsAsEachRuntimeSpellsThem() {
    ErrorFormats formats = new ErrorFormats(List.of(format));

    assertThat(formats.of("oauth2/token")).isSameAs(format);
    assertThat(formats.of("/oauth2/token")).isSameAs(format);
    assertThat(formats.of("/oauth2/userinfo")).isInstanceOf(ProblemFormat.class);
    assertThat(formats.of("/auth/refresh")).isInstanceOf(ProblemFormat.class);
  }

  @Test
  void aRefusedRegistrationIsInRfc7591sAndRfc6750sWords() {
    var token = RegistrationRejected.invalidToken();
    ErrorAnswer unauthorized =
        format.render(Failure.of(401, "Unauthorized", token.detail()).because(token));
    assertThat(unauthorized.status()).isEqualTo(401);
    assertThat(unauthorized.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
    assertThat(unauthorized.header("Cache-Control")).isEqualTo("no-store");
    assertThat(json(unauthorized)).isEqualTo(error("invalid_token", token.detail()));

    for (var reason :
        List.of(
            RegistrationRejected.Reason.INVALID_REDIRECT_URI,
            RegistrationRejected.Reason.INVALID_METADATA)) {
      var rejected = new RegistrationRejected(reason, "redirect_uris: bad");
      ErrorAnswer answer =
          format.render(Failure.of(400, "Bad Request", rejected.detail()).because(rejected));
      assertThat(answer.status()).isEqualTo(400);
      assertThat(answer.header("WWW-Authenticate")).isNull();
      assertThat(json(answer))
          .isEqualTo(
              error(
                  reason == RegistrationRejected.Reason.INVALID_METADATA
                      ? "invalid_client_metadata"
                      : "invalid_redirect_uri",
                  "redirect_uris: bad"));
    }
  }

  @Test
  void aRefusedRefreshIsInvalidGrantOrForAWiderScopeInvalidScope() {
    var replayed = new RefreshRejected(RefreshRejected.Reason.REPLAYED);
    ErrorAnswer answer =
        format.render(Failure.of(401, "Unauthorized", replayed.detail()).because(replayed));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.mediaType()).isEqualTo("application/json");
    assertThat(json(answer)).isEqualTo(error("invalid_grant", replayed.detail()));
    assertThat(answer.header("WWW-Authenticate")).isNull();
    assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
    assertThat(answer.header("Pragma")).isEqualTo("no-cache");

    var wider = new RefreshRejected(RefreshRejected.Reason.WIDER_SCOPE);
    assertThat(json(format.render(Failure.of(401, "Unauthorized", "x").because(wider))))
        .isEqualTo(error("invalid_scope", wider.detail()));
  }

  @Test
  void aRejectedClientIsWordedByItsReason() {
    ErrorAnswer failed =
        format.render(
            rejected(new ClientRejected(ClientRejected.Reason.FAILED, "Client auth failed.")));
    assertThat(failed.status()).isEqualTo(401);
    assertThat(json(failed)).isEqualTo(error("invalid_client", "Client auth failed."));
    assertThat(failed.header("WWW-Authenticate")).isEqualTo("Basic realm=\"rotor\"");

    ErrorAnswer malformed =
        format.render(rejected(new ClientRejected(ClientRejected.Reason.MALFORMED, "Two.")));
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(json(malformed)).isEqualTo(error("invalid_request", "Two."));
    assertThat(malformed.header("WWW-Authenticate")).isNull();

    ErrorAnswer notAllowed =
        format.render(rejected(new ClientRejected(ClientRejected.Reason.NOT_ALLOWED, "Not so.")));
    assertThat(notAllowed.status()).isEqualTo(400);
    assertThat(json(notAllowed)).isEqualTo(error("unauthorized_client", "Not so."));
  }

  /** As the first-party API's mapper describes it: a 401 problem, whatever the reason. */
  private static Failure rejected(ClientRejected e) {
    return Failure.of(401, "Unauthorized", "Unknown client or wrong client secret.").because(e);
  }

  @Test
  void anOAuthErrorKeepsItsStatusAndCode() {
    var e = new OAuthError(400, "unsupported_grant_type", "Only two.");
    ErrorAnswer answer = format.render(Failure.of(400, "Bad Request", "Only two.").because(e));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(json(answer)).isEqualTo(error("unsupported_grant_type", "Only two."));
    assertThat(answer.header("Pragma")).isEqualTo("no-cache");
  }

  @Test
  void anyOtherClientErrorIsInvalidRequestKeepingAllowButNoChallenge() {
    ErrorAnswer answer =
        format.render(
            Failure.standard(405)
                .withHeader("Allow", "POST,OPTIONS")
                .withHeader("WWW-Authenticate", "Bearer"));

    assertThat(answer.status()).isEqualTo(405);
    assertThat(answer.mediaType()).isEqualTo("application/json");
    assertThat(json(answer))
        .isEqualTo(error("invalid_request", "This method is not allowed on this resource."));
    assertThat(answer.header("Allow")).isEqualTo("POST,OPTIONS");
    assertThat(answer.header("WWW-Authenticate")).isNull();
    assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
    assertThat(answer.header("Pragma")).isNull();
  }

  @Test
  void aFailureWithoutDetailHasNoDescription() {
    ErrorAnswer answer = format.render(Failure.standard(431));

    assertThat(json(answer))
        .isEqualTo(Json.createObjectBuilder().add("error", "invalid_request").build());
  }

  @Test
  void anOutageIsTemporarilyUnavailableKeepingRetryAfter() {
    ErrorAnswer answer = format.render(Failure.unavailable("The database is out of reach."));

    assertThat(answer.status()).isEqualTo(503);
    assertThat(json(answer))
        .isEqualTo(error("temporarily_unavailable", "The database is out of reach."));
    assertThat(answer.header("Retry-After")).isEqualTo("2");
  }

  @Test
  void bearerChallengesAndServerFailuresStayProblemDetails() {
    ErrorAnswer unauthorized = format.render(Failure.standard(401));
    assertThat(unauthorized.mediaType()).isEqualTo(ProblemFormat.MEDIA_TYPE);
    assertThat(unauthorized.header("WWW-Authenticate")).isEqualTo("Bearer");

    assertThat(format.render(Failure.standard(403)).mediaType())
        .isEqualTo(ProblemFormat.MEDIA_TYPE);
    assertThat(format.render(Failure.of(500, "Internal Server Error", "incident")).mediaType())
        .isEqualTo(ProblemFormat.MEDIA_TYPE);
  }

  @Test
  void aThrottledClientIsInvalidClientWithRetryAfterAndNoChallenge() {
    OAuthError throttled = OAuthError.clientThrottled(java.time.Duration.ofMillis(59_200));

    ErrorAnswer answer =
        format.render(
            Failure.of(429, "Too Many Requests", throttled.getMessage()).because(throttled));

    assertThat(answer.status()).isEqualTo(429);
    assertThat(json(answer).getString("error")).isEqualTo("invalid_client");
    assertThat(answer.header("Retry-After")).isEqualTo("60");
    assertThat(answer.header("WWW-Authenticate")).isNull();
    assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
  }
}
