package dev.rotor.oauth.control;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.rotor.clients.control.ClientRegistry;
import dev.rotor.keys.control.AccessTokenVerifier;
import dev.rotor.sessions.control.RefreshTokenLookup;
import dev.rotor.sessions.entity.RefreshToken;
import dev.rotor.sessions.entity.Session;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * RFC 7662: what a token is, if it is alive. A refresh token is alive while unspent, unexpired, in
 * a live session of an enabled user; an access token while its signature, issuer, audience and
 * expiry hold (no leeway after {@code exp}) and its session is not revoked (a client's own token,
 * which has no session: while the client is registered). A client that asks learns only about
 * tokens issued to it, unless it is a resource server ({@code introspect-any}); anything else is
 * just {@code active: false}.
 */
@ApplicationScoped
public class Introspection {

  public static final JsonObject INACTIVE = Json.createObjectBuilder().add("active", false).build();

  @Inject RefreshTokenLookup lookup;

  @Inject AccessTokenVerifier verifier;

  @Inject ClientRegistry clients;

  @Inject Clock clock;

  /**
   * The answer for a token. {@code onlyOfClient} is the asking client's id when it may see only its
   * own tokens; empty for an admin or a resource server, who see every token.
   */
  public JsonObject introspect(String token, String hint, Optional<String> onlyOfClient) {
    Instant now = clock.instant();
    Optional<JsonObject> found =
        accessTokenFirst(token, hint)
            ? accessToken(token, now).or(() -> refreshToken(token, now))
            : refreshToken(token, now)
                .or(() -> looksLikeJwt(token) ? accessToken(token, now) : Optional.empty());
    return found.filter(described -> visible(described, onlyOfClient)).orElse(INACTIVE);
  }

  /**
   * Whether the asker may see this description: a token is issued to the client its {@code
   * client_id} names (a refresh token: its session's client; an access token: its claim). Another
   * client's token is inactive to it, so a client cannot even learn that it exists.
   */
  static boolean visible(JsonObject described, Optional<String> onlyOfClient) {
    return onlyOfClient.isEmpty()
        || onlyOfClient.get().equals(described.getString("client_id", null));
  }

  /**
   * Which kind to try first: a JWT-shaped value is an access token unless the hint says otherwise
   * (RFC 7662 §2.1: the hint only speeds up the search; a refresh token is never JWT-shaped).
   */
  static boolean accessTokenFirst(String token, String hint) {
    return looksLikeJwt(token) && !"refresh_token".equals(hint);
  }

  static boolean looksLikeJwt(String token) {
    return token.chars().filter(c -> c == '.').count() == 2;
  }

  private Optional<JsonObject> refreshToken(String token, Instant now) {
    return lookup.find(token).flatMap(t -> describe(t, now));
  }

  /** A refresh token is active while unspent, unexpired, in a usable session. */
  static Optional<JsonObject> describe(RefreshToken t, Instant now) {
    Session s = t.session();
    if (t.isSpent() || t.isExpired(now) || !s.isUsable(now)) {
      return Optional.empty();
    }
    return Optional.of(
        Json.createObjectBuilder()
            .add("active", true)
            .add("token_type", "refresh_token")
            .add("client_id", s.clientId())
            .add("scope", s.scope())
            .add("sub", s.user().id())
            .add("username", s.user().username())
            .add("sid", s.id())
            .add("exp", t.expiresAt().getEpochSecond())
            .build());
  }

  private Optional<JsonObject> accessToken(String token, Instant now) {
    return verifier
        .verify(token)
        .flatMap(
            claims ->
                claims.getClaim("sid") == null
                    ? describeClientToken(claims, clients)
                    : describe(claims, lookup.session((String) claims.getClaim("sid")), now));
  }

  /**
   * A token with no session is a client's own (the client credentials grant): active while the
   * client it was issued to is still registered, since deleting a client ends what it holds.
   */
  static Optional<JsonObject> describeClientToken(JWTClaimsSet claims, ClientRegistry clients) {
    String clientId = (String) claims.getClaim("client_id");
    return clientId.equals(claims.getSubject()) && clients.find(clientId).isPresent()
        ? Optional.of(describe(claims))
        : Optional.empty();
  }

  /** A verified access token is active while the session it names is usable. */
  static Optional<JsonObject> describe(
      JWTClaimsSet claims, Optional<Session> session, Instant now) {
    return session.filter(s -> s.isUsable(now)).map(s -> describe(claims));
  }

  private static JsonObject describe(JWTClaimsSet claims) {
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("active", true)
            .add("token_type", "Bearer")
            .add("iss", claims.getIssuer())
            .add("sub", claims.getSubject())
            .add("exp", claims.getExpirationTime().toInstant().getEpochSecond())
            .add("iat", claims.getIssueTime().toInstant().getEpochSecond());
    List<String> audience = claims.getAudience();
    if (!audience.isEmpty()) {
      json.add(
          "aud",
          audience.size() == 1
              ? Json.createValue(audience.get(0))
              : Json.createArrayBuilder(audience).build());
    }
    for (String name : List.of("jti", "client_id", "scope", "sid", "preferred_username")) {
      Object value = claims.getClaim(name);
      if (value != null) {
        json.add(name, value.toString());
      }
    }
    Object username = claims.getClaim("preferred_username");
    if (username != null) {
      json.add("username", username.toString());
    }
    return json.build();
  }
}
