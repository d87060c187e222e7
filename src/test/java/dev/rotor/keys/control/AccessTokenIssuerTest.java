package dev.rotor.keys.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccessTokenIssuerTest {

  final Instant now = Instant.parse("2026-11-22T10:00:00Z");

  AccessTokenIssuer issuerWith(String algorithm) {
    return IssuerFixture.issuer(
        algorithm, "https://auth.example.com", Clock.fixed(now, ZoneOffset.UTC));
  }

  final AccessTokenIssuer.Subject alice =
      new AccessTokenIssuer.Subject(
          "user-1", "alice", Set.of("user", "admin"), "session-1", "rotor-app", "profile");

  @Test
  void anAccessTokenCarriesTheMicroProfileJwtClaims() throws Exception {
    AccessTokenIssuer issuer = issuerWith("RS256");

    AccessTokenIssuer.AccessToken token = issuer.issue(alice, List.of(), now);
    JWTClaimsSet claims = SignedJWT.parse(token.value()).getJWTClaimsSet();

    assertThat(token.expiresAt()).isEqualTo(now.plus(Duration.ofMinutes(5)));
    assertThat(claims.getIssuer()).isEqualTo("https://auth.example.com");
    assertThat(claims.getSubject()).isEqualTo("user-1");
    assertThat(claims.getAudience()).containsExactly("rotor");
    assertThat(claims.getIssueTime()).isEqualTo(Date.from(now));
    assertThat(claims.getExpirationTime()).isEqualTo(Date.from(now.plusSeconds(300)));
    assertThat(claims.getJWTID()).isNotBlank();
    assertThat(claims.getClaims())
        .containsEntry("typ", "Bearer")
        .containsEntry("upn", "alice")
        .containsEntry("preferred_username", "alice")
        .containsEntry("sid", "session-1")
        .containsEntry("client_id", "rotor-app")
        .containsEntry("scope", "profile");
    assertThat(claims.getStringListClaim("groups")).containsExactlyInAnyOrder("user", "admin");
  }

  @Test
  void theAudienceIsTheClientsOrElseRotorsOwn() throws Exception {
    AccessTokenIssuer issuer = issuerWith("RS256");

    JWTClaimsSet forOrders =
        SignedJWT.parse(issuer.issue(alice, List.of("orders", "billing"), now).value())
            .getJWTClaimsSet();
    JWTClaimsSet forRotor =
        SignedJWT.parse(issuer.issue(alice, List.of(), now).value()).getJWTClaimsSet();

    assertThat(forOrders.getAudience()).containsExactly("orders", "billing");
    assertThat(forRotor.getAudience()).containsExactly("rotor");
  }

  @Test
  void theHeaderNamesTheKeyAndTheTypeThatPayaraRequires() throws Exception {
    AccessTokenIssuer issuer = issuerWith("RS256");

    SignedJWT jwt = SignedJWT.parse(issuer.issue(alice, List.of(), now).value());

    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    assertThat(jwt.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
    JWK published = issuer.keys.published().getKeyByKeyId(jwt.getHeader().getKeyID());
    assertThat(published).isNotNull();
    assertThat(published.isPrivate()).isFalse();
    assertThat(jwt.verify(new RSASSAVerifier(published.toRSAKey()))).isTrue();
  }

  @Test
  void es256CanBeSelected() throws Exception {
    AccessTokenIssuer issuer = issuerWith("ES256");

    SignedJWT jwt = SignedJWT.parse(issuer.issue(alice, List.of(), now).value());

    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
    JWK published = issuer.keys.published().getKeys().get(0);
    assertThat(jwt.verify(new ECDSAVerifier(published.toECKey()))).isTrue();
  }

  @Test
  void everyTokenHasItsOwnId() throws Exception {
    AccessTokenIssuer issuer = issuerWith("RS256");

    String first =
        SignedJWT.parse(issuer.issue(alice, List.of(), now).value()).getJWTClaimsSet().getJWTID();
    String second =
        SignedJWT.parse(issuer.issue(alice, List.of(), now).value()).getJWTClaimsSet().getJWTID();

    assertThat(first).isNotEqualTo(second);
    assertThat(List.of(first, second)).doesNotContainNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"RS256", "ES256"})
  void theNativeProviderSignsWhatTheJdkVerifies(String algorithm) throws Exception {
    assertThat(SignatureProvider.nativeProvider())
        .as("native provider on Linux x86-64")
        .isPresent();
    AccessTokenIssuer issuer =
        IssuerFixture.issuer(
            algorithm, "https://auth.example.com", Clock.fixed(now, ZoneOffset.UTC), true);

    SignedJWT jwt = SignedJWT.parse(issuer.issue(alice, List.of(), now).value());

    JWK published = issuer.keys.published().getKeys().get(0);
    assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo(algorithm);
    assertThat(
            jwt.verify(
                algorithm.equals("RS256")
                    ? new RSASSAVerifier(published.toRSAKey())
                    : new ECDSAVerifier(published.toECKey())))
        .isTrue();
  }

  @Test
  void aClientsOwnTokenNamesTheClientAsSubjectAndLivesAsTheClientSays() throws Exception {
    AccessTokenIssuer issuer = issuerWith("RS256");

    AccessTokenIssuer.AccessToken token =
        issuer.issue(
            AccessTokenIssuer.Subject.ofClient("orders", "orders.read"),
            List.of("orders-api"),
            Duration.ofSeconds(90),
            now);
    JWTClaimsSet claims = SignedJWT.parse(token.value()).getJWTClaimsSet();

    assertThat(token.expiresAt()).isEqualTo(now.plusSeconds(90));
    assertThat(claims.getExpirationTime()).isEqualTo(Date.from(now.plusSeconds(90)));
    assertThat(claims.getSubject()).isEqualTo("orders");
    assertThat(claims.getClaims())
        .containsEntry("client_id", "orders")
        .containsEntry("scope", "orders.read")
        .doesNotContainKeys("sid", "upn", "preferred_username");
    assertThat(claims.getStringListClaim("groups")).isEmpty();
    assertThat(issuer.issue(alice, List.of(), null, now).expiresAt())
        .as("no lifetime of its own: the server's")
        .isEqualTo(now.plus(Duration.ofMinutes(5)));
  }
}
