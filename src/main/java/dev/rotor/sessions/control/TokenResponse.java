package dev.rotor.sessions.control;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;

/**
 * The token response of login, refresh and the OAuth token endpoint, in OAuth 2.0's field names
 * (RFC 6749 §5.1): the one place it is written. Built with JSON-P, so it reads the same whatever
 * JSON binding the server prefers; never cached.
 */
public final class TokenResponse {

  private TokenResponse() {}

  /** The first-party API's answer: no {@code scope}, the first-party client has one. */
  public static Response of(TokenPair pair, Instant now) {
    return ok(body(pair, now, false));
  }

  /** The token endpoint's answer, which names the scope of the access token. */
  public static Response withScope(TokenPair pair, Instant now) {
    return ok(body(pair, now, true));
  }

  /** The code grant's answer: with the ID token when the scope has openid. */
  public static Response withIdToken(TokenPair pair, String idToken, Instant now) {
    if (idToken == null) {
      return withScope(pair, now);
    }
    return ok(json(pair, now, true).add("id_token", idToken).build().toString());
  }

  /**
   * An access token alone (the client credentials grant, RFC 6749 §4.4.3): no refresh token and no
   * session, since the client can ask again with its own credentials.
   */
  public static Response accessOnly(
      String accessToken, Instant expiresAt, String scope, Instant now) {
    return ok(
        Json.createObjectBuilder()
            .add("access_token", accessToken)
            .add("token_type", "Bearer")
            .add("expires_in", Duration.between(now, expiresAt).toSeconds())
            .add("scope", scope)
            .build()
            .toString());
  }

  static String body(TokenPair pair, Instant now, boolean withScope) {
    return json(pair, now, withScope).build().toString();
  }

  private static JsonObjectBuilder json(TokenPair pair, Instant now, boolean withScope) {
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("access_token", pair.accessToken())
            .add("token_type", "Bearer")
            .add("expires_in", Duration.between(now, pair.accessExpiresAt()).toSeconds())
            .add("refresh_token", pair.refreshToken())
            .add("refresh_expires_in", Duration.between(now, pair.refreshExpiresAt()).toSeconds());
    if (withScope) {
      json.add("scope", pair.scope());
    }
    return json.add("session_id", pair.sessionId());
  }

  private static Response ok(String body) {
    return Response.ok(body, MediaType.APPLICATION_JSON_TYPE)
        .header("Cache-Control", "no-store")
        .header("Pragma", "no-cache")
        .build();
  }
}
