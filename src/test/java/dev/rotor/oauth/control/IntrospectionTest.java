package dev.rotor.oauth.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.rotor.sessions.entity.RefreshToken;
import dev.rotor.sessions.entity.Session;
import dev.rotor.users.entity.User;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IntrospectionTest {

  final Instant now = Instant.parse("2026-12-02T10:00:00Z");
  final User user = new User("alice", "$argon2id$...", Set.of("user"), now);
  final Session session =
      new Session(user, "service", "profile", now, now.plus(Duration.ofDays(30)), null, null);
  final RefreshToken token = session.issueRefreshToken("hash", now, Duration.ofDays(14));

  final JWTClaimsSet claims =
      new JWTClaimsSet.Builder()
          .issuer("https://rotor.example")
          .subject(user.id())
          .audience("rotor")
          .issueTime(Date.from(now))
          .expirationTime(Date.from(now.plusSeconds(300)))
          .claim("sid", session.id())
          .claim("client_id", "service")
          .claim("preferred_username", "alice")
          .build();

  @Test
  void aLiveRefreshTokenDescribesItsSession() {
    var described = Introspection.describe(token, now).orElseThrow();
    assertThat(described.getBoolean("active")).isTrue();
    assertThat(described.getString("token_type")).isEqualTo("refresh_token");
    assertThat(described.getString("client_id")).isEqualTo("service");
    assertThat(described.getString("username")).isEqualTo("alice");
    assertThat(described.getString("sid")).isEqualTo(session.id());
    assertThat(described.getJsonNumber("exp").longValue())
        .isEqualTo(now.plus(Duration.ofDays(14)).getEpochSecond());
  }

  @Test
  void anExpiredRefreshTokenIsInactive() {
    assertThat(Introspection.describe(token, now.plus(Duration.ofDays(14)))).isEmpty();
  }

  @Test
  void aRefreshTokenOfADisabledUserIsInactive() {
    user.disable();
    assertThat(Introspection.describe(token, now)).isEmpty();
  }

  @Test
  void anAccessTokenIsActiveWhileItsSessionIs() {
    var described = Introspection.describe(claims, Optional.of(session), now).orElseThrow();
    assertThat(described.getString("token_type")).isEqualTo("Bearer");
    assertThat(described.getString("aud")).isEqualTo("rotor");
    assertThat(described.getString("username")).isEqualTo("alice");
    assertThat(Introspection.describe(claims, Optional.empty(), now))
        .as("its session is gone")
        .isEmpty();
    assertThat(Introspection.describe(claims, Optional.of(session), now.plus(Duration.ofDays(30))))
        .as("its session has expired")
        .isEmpty();
  }

  @Test
  void aClientSeesOnlyTokensIssuedToItUnlessItSeesAll() {
    var refresh = Introspection.describe(token, now).orElseThrow();
    var access = Introspection.describe(claims, Optional.of(session), now).orElseThrow();
    for (var described : java.util.List.of(refresh, access)) {
      assertThat(Introspection.visible(described, Optional.of("service"))).isTrue();
      assertThat(Introspection.visible(described, Optional.of("other"))).isFalse();
      assertThat(Introspection.visible(described, Optional.empty()))
          .as("an admin or a resource server")
          .isTrue();
    }
  }

  @Test
  void aJwtShapedValueIsTriedAsAnAccessTokenFirstUnlessTheHintSaysRefresh() {
    assertThat(Introspection.accessTokenFirst("a.b.c", null)).isTrue();
    assertThat(Introspection.accessTokenFirst("a.b.c", "access_token")).isTrue();
    assertThat(Introspection.accessTokenFirst("a.b.c", "refresh_token")).isFalse();
    assertThat(Introspection.accessTokenFirst("opaque-refresh-token", null)).isFalse();
  }

  @Test
  void aClientsOwnTokenIsActiveWhileTheClientIsRegistered() {
    JWTClaimsSet own =
        new JWTClaimsSet.Builder()
            .issuer("https://rotor.example")
            .subject("orders")
            .audience("rotor")
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(300)))
            .claim("client_id", "orders")
            .claim("scope", "orders.read")
            .build();
    var orders =
        new dev.rotor.clients.control.Client(
            "orders",
            dev.rotor.clients.control.Client.sha256Of("s"),
            Set.of("client_credentials"),
            Set.of("orders.read"));

    var described =
        Introspection.describeClientToken(
                own,
                new dev.rotor.clients.control.ClientRegistry(java.util.Map.of("orders", orders)))
            .orElseThrow();

    assertThat(described.getString("sub")).isEqualTo("orders");
    assertThat(described.getString("client_id")).isEqualTo("orders");
    assertThat(described.containsKey("sid")).isFalse();
    assertThat(
            Introspection.describeClientToken(
                own, new dev.rotor.clients.control.ClientRegistry(java.util.Map.of())))
        .as("the client is gone")
        .isEmpty();
  }
}
