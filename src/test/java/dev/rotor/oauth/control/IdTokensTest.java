package dev.rotor.oauth.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.rotor.configuration.IssuerSettings;
import dev.rotor.configuration.TokenLifetimes;
import dev.rotor.keys.control.AccessTokenIssuer;
import dev.rotor.keys.control.IssuerFixture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdTokensTest {

  static final String ISSUER = "https://auth.example.com";

  final Instant now = Instant.parse("2026-12-07T10:00:00Z");
  final AccessTokenIssuer signer =
      IssuerFixture.issuer("RS256", ISSUER, Clock.fixed(now, ZoneOffset.UTC));
  final IdTokens idTokens = new IdTokens();

  {
    idTokens.signer = signer;
    idTokens.keys = IssuerFixture.keys(signer);
    idTokens.settings = new IssuerSettings(ISSUER, "rotor");
    idTokens.lifetimes =
        new TokenLifetimes(
            Duration.ofMinutes(5), Duration.ofDays(14), Duration.ofDays(30), Duration.ZERO);
  }

  String idToken(Instant issuedAt) {
    return idTokens.issue(
        new IdTokens.Identity(
            "user-1", "portal", "n-1", issuedAt, "browser-1", "alice", Set.of("user")),
        issuedAt);
  }

  @Test
  void anIdTokenWeIssuedIsAHintNamingItsClientAndBrowserSession() {
    assertThat(idTokens.hint(idToken(now)))
        .contains(new IdTokens.Hint("portal", "browser-1", "user-1"));
  }

  @Test
  void anExpiredIdTokenIsStillAHint() {
    assertThat(idTokens.hint(idToken(now.minus(Duration.ofDays(3))))).isPresent();
  }

  @Test
  void anAccessTokenIsNoHint() {
    String access =
        signer
            .issue(
                new AccessTokenIssuer.Subject(
                    "user-1", "alice", Set.of("user"), "session-1", "portal", "openid"),
                List.of("portal"),
                now)
            .value();

    assertThat(idTokens.hint(access)).isEmpty();
  }

  @Test
  void aTokenOfAnotherIssuerOrKeyOrShapeIsNoHint() {
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .subject("user-1")
            .audience("portal")
            .claim("azp", "portal")
            .claim("sid", "browser-1")
            .claim("auth_time", now.getEpochSecond())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(300)));
    AccessTokenIssuer otherKey =
        IssuerFixture.issuer("RS256", ISSUER, Clock.fixed(now, ZoneOffset.UTC));

    assertThat(idTokens.hint(signer.sign(claims.issuer(ISSUER).build(), now))).isPresent();
    assertThat(idTokens.hint(signer.sign(claims.issuer("https://evil.example").build(), now)))
        .isEmpty();
    assertThat(idTokens.hint(otherKey.sign(claims.issuer(ISSUER).build(), now))).isEmpty();
    assertThat(idTokens.hint(signer.sign(claims.audience(List.of("portal", "spa")).build(), now)))
        .isEmpty();
    assertThat(
            idTokens.hint(signer.sign(claims.audience("portal").claim("azp", "spa").build(), now)))
        .isEmpty();
    assertThat(
            idTokens.hint(signer.sign(claims.claim("azp", "portal").claim("sid", 7).build(), now)))
        .isEmpty();
    assertThat(idTokens.hint("not.a.token")).isEmpty();
    assertThat(idTokens.hint("x".repeat(9000))).isEmpty();
  }
}
