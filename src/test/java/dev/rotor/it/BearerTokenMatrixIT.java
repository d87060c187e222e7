package dev.rotor.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.rotor.it.support.Api;
import dev.rotor.it.support.ItServer;
import dev.rotor.it.support.RotorIT;
import dev.rotor.it.support.Users;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every way a bearer token can be wrong, against MicroProfile JWT on {@code /users/me}. */
@RotorIT
class BearerTokenMatrixIT {

  Api api;
  String userId;
  String username;

  @BeforeEach
  void user() throws Exception {
    Api.Reply login = Users.registeredAndLoggedIn(api, "matrix");
    JWTClaimsSet claims = SignedJWT.parse(login.string("access_token")).getJWTClaimsSet();
    userId = claims.getSubject();
    username = (String) claims.getClaim("upn");
  }

  JWTClaimsSet.Builder validClaims() {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(ItServer.ISSUER)
        .audience("rotor")
        .subject(userId)
        .claim("upn", username)
        .claim("groups", List.of("user"))
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(300)))
        .jwtID("matrix-" + now.toEpochMilli());
  }

  String signed(JWTClaimsSet claims) {
    return api.sign(claims.toString());
  }

  void assertUnauthorized(String token) {
    Api.Reply reply = api.me(token);
    assertThat(reply.status()).as(reply.body()).isEqualTo(401);
    assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
  }

  @Test
  void aTokenSignedByTheServerWithValidClaimsIsAccepted() {
    assertThat(api.me(signed(validClaims().build())).status()).isEqualTo(200);
  }

  @Test
  void noTokenIsUnauthorized() {
    assertUnauthorized(null);
  }

  @Test
  void aMalformedTokenIsUnauthorized() {
    assertUnauthorized("not.a.jwt");
    assertUnauthorized("garbage");
  }

  @Test
  void anExpiredTokenIsUnauthorized() {
    Instant past = Instant.now().minusSeconds(3600);
    assertUnauthorized(
        signed(
            validClaims()
                .issueTime(Date.from(past))
                .expirationTime(Date.from(past.plusSeconds(300)))
                .build()));
  }

  @Test
  void aTokenFromAnotherIssuerIsUnauthorized() {
    assertUnauthorized(signed(validClaims().issuer("https://evil.example").build()));
  }

  @Test
  void aTokenForAnotherAudienceIsUnauthorized() {
    assertUnauthorized(signed(validClaims().audience("someone-else").build()));
  }

  @Test
  void aTamperedPayloadIsUnauthorized() throws Exception {
    SignedJWT genuine = SignedJWT.parse(signed(validClaims().build()));
    String forged =
        Base64URL.encode(validClaims().claim("groups", List.of("user", "admin")).build().toString())
            .toString();
    String[] parts = genuine.serialize().split("\\.");
    assertUnauthorized(parts[0] + "." + forged + "." + parts[2]);
  }

  @Test
  void anUnsignedTokenIsUnauthorized() {
    assertUnauthorized(new PlainJWT(validClaims().build()).serialize());
  }

  @Test
  void anHs256TokenKeyedWithThePublicKeyIsUnauthorized() throws Exception {
    RSAKey publicKey =
        JWKSet.parse(api.get(".well-known/jwks.json", null).body()).getKeys().get(0).toRSAKey();
    SignedJWT confused =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256)
                .keyID(publicKey.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            validClaims().build());
    confused.sign(new MACSigner(publicKey.toRSAPublicKey().getEncoded()));
    assertUnauthorized(confused.serialize());
  }

  @Test
  void aTokenSignedWithAnUnknownKeyIsUnauthorized() throws Exception {
    RSAKey stranger = new RSAKeyGenerator(2048).keyID("unknown-kid").generate();
    SignedJWT token =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(stranger.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            validClaims().build());
    token.sign(new RSASSASigner(stranger));
    assertUnauthorized(token.serialize());
  }

  @Test
  void aValidTokenWithoutTheRoleIsForbidden() {
    Api.Reply reply = api.me(signed(validClaims().claim("groups", List.of("other")).build()));
    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    // RFC 6750 §3.1: a token that is valid but does not reach far enough gets a
    // challenge that says so, on /oauth2/userinfo too.
    assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer error=\"insufficient_scope\"");
    Api.Reply userInfo =
        api.get("oauth2/userinfo", signed(validClaims().claim("groups", List.of("other")).build()));
    assertThat(userInfo.status()).isEqualTo(403);
    assertThat(userInfo.header("WWW-Authenticate"))
        .startsWith("Bearer error=\"insufficient_scope\"");
    assertThat(reply.json())
        .isEqualTo(
            Map.of(
                "type",
                "about:blank",
                "title",
                "Forbidden",
                "status",
                403L,
                "detail",
                "The token does not grant the role this resource needs."));
  }

  /**
   * Rotor's ids are UUIDs; a validly signed token whose {@code sid} or {@code sub} is no such id
   * was not issued by Rotor. A password change used to store its 300-character {@code sid} in the
   * audit log and answer 500.
   */
  @Test
  void aTokenWhoseIdsRotorNeverIssuesIsUnauthorized() {
    String change =
        "{\"current_password\":\""
            + Users.PASSWORD
            + "\",\"new_password\":\"another horse battery staple\"}";
    for (JWTClaimsSet claims :
        List.of(
            validClaims().claim("sid", "s".repeat(300)).build(),
            validClaims().claim("sid", 12).build(),
            validClaims().claim("sid", "").build(),
            validClaims().claim("sid", "\u2603\u0000x").build(),
            validClaims().subject("u".repeat(300)).build())) {
      String token = signed(claims);
      Api.Reply changed = api.putJson("users/me/password", change, token);
      assertThat(changed.status()).as(claims + ": " + changed.body()).isEqualTo(401);
      assertThat(changed.header("Content-Type")).startsWith("application/problem+json");
      assertUnauthorized(token);
      assertThat(api.get("sessions", token).status()).as(claims.toString()).isEqualTo(401);
    }
    assertThat(api.login(username, Users.PASSWORD).status())
        .as("the password is unchanged")
        .isEqualTo(200);
  }
}
