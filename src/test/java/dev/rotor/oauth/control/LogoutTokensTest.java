package dev.rotor.oauth.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.rotor.configuration.IssuerSettings;
import dev.rotor.keys.control.AccessTokenIssuer;
import dev.rotor.keys.control.IssuerFixture;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogoutTokensTest {

  static final String ISSUER = "https://auth.example.com";

  final Instant now = Instant.parse("2026-12-07T10:00:00Z");
  final AccessTokenIssuer signer =
      IssuerFixture.issuer("RS256", ISSUER, Clock.fixed(now, ZoneOffset.UTC));
  final LogoutTokens tokens = new LogoutTokens();

  {
    tokens.signer = signer;
    tokens.settings = new IssuerSettings(ISSUER, "rotor");
  }

  final LogoutTokens.Logout logout = new LogoutTokens.Logout("portal", "user-1", "browser-1");

  @Test
  void aLogoutTokenNamesTheUserTheBrowserSessionAndTheClientAndLivesTwoMinutes() throws Exception {
    JWTClaimsSet claims = SignedJWT.parse(tokens.issue(logout, now)).getJWTClaimsSet();

    assertThat(claims.getIssuer()).isEqualTo(ISSUER);
    assertThat(claims.getAudience()).containsExactly("portal");
    assertThat(claims.getSubject()).isEqualTo("user-1");
    assertThat(claims.getStringClaim("sid")).isEqualTo("browser-1");
    assertThat(claims.getIssueTime()).isEqualTo(Date.from(now));
    assertThat(claims.getExpirationTime()).isEqualTo(Date.from(now.plusSeconds(120)));
    assertThat(claims.getJWTID()).isNotBlank();
    assertThat(claims.getJSONObjectClaim("events"))
        .isEqualTo(Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of()));
    assertThat(claims.getClaims()).doesNotContainKey("nonce");
    assertThat(claims.getClaims().keySet())
        .containsExactlyInAnyOrder("iss", "aud", "iat", "exp", "jti", "sub", "sid", "events");
  }

  @Test
  void aLogoutTokenIsTypedAndSignedWithTheCurrentKey() throws Exception {
    SignedJWT jwt = SignedJWT.parse(tokens.issue(logout, now));
    RSAKey key = (RSAKey) IssuerFixture.keys(signer).signing(now).jwk();

    assertThat(jwt.getHeader().getType().getType()).isEqualTo("logout+jwt");
    assertThat(jwt.getHeader().getKeyID()).isEqualTo(key.getKeyID());
    JWSVerifier verifier = new RSASSAVerifier(key.toRSAPublicKey());
    assertThat(jwt.verify(verifier)).isTrue();
  }

  @Test
  void everyLogoutTokenHasItsOwnId() throws Exception {
    List<String> ids =
        List.of(
            SignedJWT.parse(tokens.issue(logout, now)).getJWTClaimsSet().getJWTID(),
            SignedJWT.parse(tokens.issue(logout, now)).getJWTClaimsSet().getJWTID());

    assertThat(ids).doesNotHaveDuplicates();
  }
}
