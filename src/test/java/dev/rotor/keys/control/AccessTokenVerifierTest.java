package dev.rotor.keys.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessTokenVerifierTest {

  static final String ISSUER = "https://auth.example.com";

  final Instant issued = Instant.parse("2026-12-02T10:00:00Z");
  final AccessTokenIssuer issuer =
      IssuerFixture.issuer("RS256", ISSUER, Clock.fixed(issued, ZoneOffset.UTC));
  final AccessTokenIssuer.Subject alice =
      new AccessTokenIssuer.Subject(
          "user-1", "alice", Set.of("user"), "session-1", "orders-app", "profile");

  AccessTokenVerifier at(Instant now) {
    AccessTokenVerifier verifier = new AccessTokenVerifier();
    verifier.keys = issuer.keys;
    verifier.settings = issuer.settings;
    verifier.clock = Clock.fixed(now, ZoneOffset.UTC);
    return verifier;
  }

  @Test
  void aTokenForAnotherResourceServerIsStillOurs() {
    String token = issuer.issue(alice, List.of("orders"), issued).value();

    assertThat(at(issued).verify(token))
        .hasValueSatisfying(c -> assertThat(c.getAudience()).containsExactly("orders"));
  }

  @Test
  void aTokenIsDeadTheInstantItsExpiryPassesWithoutLeeway() {
    String token = issuer.issue(alice, List.of(), issued).value();
    Instant exp = issued.plus(issuer.ttl());

    assertThat(at(exp.minusSeconds(1)).verify(token)).isPresent();
    assertThat(at(exp.plusSeconds(1)).verify(token))
        .as("Nimbus's default leeway is 60 s")
        .isEmpty();
  }

  @Test
  void anotherIssuerOrNoAudienceIsNotOurs() {
    JWTClaimsSet.Builder claims = rotorClaims();

    assertThat(at(issued).verify(issuer.sign(claims.build()))).isPresent();
    assertThat(at(issued).verify(issuer.sign(claims.issuer("https://evil.example").build())))
        .isEmpty();
    assertThat(at(issued).verify(issuer.sign(claims.issuer(ISSUER).audience(List.of()).build())))
        .isEmpty();
  }

  /**
   * Rotor writes {@code sid} and {@code client_id} as strings; a token signed with its key where
   * they are anything else was not issued by it. Introspecting one with a numeric {@code sid} was a
   * 500.
   */
  @Test
  void aSessionOrClientIdThatIsNoStringIsNotOurs() {
    JWTClaimsSet.Builder claims = rotorClaims();

    assertThat(at(issued).verify(issuer.sign(claims.build()))).isPresent();
    assertThat(at(issued).verify(issuer.sign(claims.claim("sid", 12).build()))).isEmpty();
    assertThat(
            at(issued)
                .verify(
                    issuer.sign(
                        claims.claim("sid", "session-1").claim("client_id", List.of("a")).build())))
        .isEmpty();
  }

  /** The claims Rotor writes into an access token, as a builder a test can change. */
  private JWTClaimsSet.Builder rotorClaims() {
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .subject("user-1")
        .audience("rotor")
        .issueTime(Date.from(issued))
        .expirationTime(Date.from(issued.plus(Duration.ofMinutes(5))))
        .claim("sid", "session-1")
        .claim("client_id", "rotor-app");
  }
}
