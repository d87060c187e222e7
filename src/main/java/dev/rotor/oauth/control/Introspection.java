package dev.rotor.oauth.control;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.rotor.keys.control.AccessTokenVerifier;
import dev.rotor.sessions.control.PresentedTokens;
import dev.rotor.sessions.entity.Session;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * RFC 7662: what a token is, if it is alive. A refresh token is alive while unspent, unexpired, in
 * a live session of an enabled user; an access token while its signature, issuer, audience and
 * expiry hold and its session is not revoked. Anything else is just {@code active: false}.
 */
@ApplicationScoped
public class Introspection {

  public static final JsonObject INACTIVE = Json.createObjectBuilder().add("active", false).build();

  @PersistenceContext EntityManager em;

  @Inject PresentedTokens presentedTokens;

  @Inject AccessTokenVerifier verifier;

  @Inject Clock clock;

  public JsonObject introspect(String token, String hint) {
    Instant now = clock.instant();
    boolean jwtShaped = token.chars().filter(c -> c == '.').count() == 2;
    Optional<JsonObject> found =
        jwtShaped && !"refresh_token".equals(hint)
            ? accessToken(token, now).or(() -> refreshToken(token, now))
            : refreshToken(token, now)
                .or(() -> jwtShaped ? accessToken(token, now) : Optional.empty());
    return found.orElse(INACTIVE);
  }

  private Optional<JsonObject> refreshToken(String token, Instant now) {
    return presentedTokens
        .find(token)
        .filter(t -> !t.isSpent() && !t.isExpired(now))
        .filter(t -> t.session().isActive(now) && t.session().user().isEnabled())
        .map(
            t -> {
              Session s = t.session();
              return Json.createObjectBuilder()
                  .add("active", true)
                  .add("token_type", "refresh_token")
                  .add("client_id", s.clientId())
                  .add("scope", s.scope())
                  .add("sub", s.user().id())
                  .add("username", s.user().username())
                  .add("sid", s.id())
                  .add("exp", t.expiresAt().getEpochSecond())
                  .build();
            });
  }

  private Optional<JsonObject> accessToken(String token, Instant now) {
    return verifier
        .verify(token)
        .filter(claims -> sessionAlive((String) claims.getClaim("sid"), now))
        .map(Introspection::describe);
  }

  private boolean sessionAlive(String sessionId, Instant now) {
    Session session = sessionId == null ? null : em.find(Session.class, sessionId);
    return session != null && session.isActive(now) && session.user().isEnabled();
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
