package dev.rotor.clients.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.rotor.configuration.IssuerSettings;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The rules of a {@code private_key_jwt} assertion, against a fixed clock and a stand-in for the
 * table of used {@code jti}s.
 */
class ClientAssertionsTest {

  static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
  static final String ISSUER = "https://rotor.example";
  static final String TOKEN_ENDPOINT = ISSUER + "/oauth2/token";

  static final RSAKey RSA = generateRsa("rsa-1");
  static final ECKey EC = generateEc();
  static final RSAKey STRANGER = generateRsa("rsa-1");

  static final String ID = UUID.randomUUID().toString();

  /** The table's rule: a second insert of the same client and digest is a duplicate key. */
  static class Ledger extends AssertionLedger {
    final Set<String> rows = new HashSet<>();

    /** Another node inserts the same row between this one's look and its insert. */
    boolean raced;

    /** The database is away: the insert fails and nothing is written. */
    boolean away;

    @Override
    public void record(String clientId, String jtiHash, Instant expiresAt) {
      if (away) {
        throw new PersistenceException("connection refused");
      }
      if (raced) {
        rows.add(clientId + " " + jtiHash);
      }
      if (!rows.add(clientId + " " + jtiHash)) {
        throw new PersistenceException("duplicate key");
      }
    }

    @Override
    public boolean isRecorded(String clientId, String jtiHash) {
      return rows.contains(clientId + " " + jtiHash);
    }
  }

  static RSAKey generateRsa(String kid) {
    try {
      return new RSAKeyGenerator(2048).keyID(kid).generate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static ECKey generateEc() {
    try {
      return new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Client keyed(String id, String method, String jwks) {
    return Client.builder(id)
        .secretHash(method.equals(Client.PRIVATE_KEY_JWT) ? null : Client.sha256("secret"))
        .grantTypes(Set.of("refresh_token"))
        .scopes(Set.of("profile"))
        .firstParty(true)
        .authMethod(method)
        .jwks(jwks)
        .build();
  }

  final Client client =
      keyed(
          ID,
          Client.PRIVATE_KEY_JWT,
          new JWKSet(List.of(RSA.toPublicJWK(), EC.toPublicJWK())).toString());
  final Client secretClient = keyed(UUID.randomUUID().toString(), Client.SECRET_BASIC, null);

  final Ledger ledger = new Ledger();
  final ClientRegistry registry =
      new ClientRegistry(Map.of(client.id(), client, secretClient.id(), secretClient));
  final ClientAuthentication authentication =
      new ClientAuthentication(
          registry,
          new ClientAssertions(
              registry,
              ledger,
              new IssuerSettings(ISSUER, "rotor"),
              Clock.fixed(NOW, ZoneOffset.UTC)),
          Clock.fixed(NOW, ZoneOffset.UTC));

  static JWTClaimsSet.Builder valid() {
    return new JWTClaimsSet.Builder()
        .issuer(ID)
        .subject(ID)
        .audience(TOKEN_ENDPOINT)
        .issueTime(Date.from(NOW))
        .expirationTime(Date.from(NOW.plusSeconds(60)))
        .jwtID(UUID.randomUUID().toString());
  }

  static String signed(JWSAlgorithm alg, JWSSigner signer, String kid, JWTClaimsSet claims) {
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(alg).keyID(kid).type(JOSEObjectType.JWT).build(), claims);
      jwt.sign(signer);
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String rs256(JWTClaimsSet claims) {
    try {
      return signed(JWSAlgorithm.RS256, new RSASSASigner(RSA), RSA.getKeyID(), claims);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  Client present(String assertion) {
    return present(assertion, null);
  }

  Client present(String assertion, String clientId) {
    return authentication.authenticate(
        new ClientCredentials(null, clientId, null, ClientCredentials.JWT_BEARER, assertion));
  }

  ClientRejected refusal(String assertion) {
    try {
      present(assertion);
    } catch (ClientRejected e) {
      return e;
    }
    throw new AssertionError("the assertion was accepted");
  }

  void assertRefused(String assertion, String detail) {
    ClientRejected refused = refusal(assertion);
    assertThat(refused.reason()).isEqualTo(ClientRejected.Reason.FAILED);
    assertThat(refused.detail()).isEqualTo(detail);
  }

  @Test
  void aValidAssertionAuthenticatesItsClientOnce() {
    String assertion = rs256(valid().build());
    assertThat(present(assertion)).isEqualTo(client);

    assertRefused(
        assertion,
        "The client assertion was used before: each assertion is accepted once (a new jti).");
    assertThat(present(rs256(valid().build()))).as("a new jti").isEqualTo(client);
  }

  @Test
  void twoUsesAtOnceAreSettledByTheInsert() {
    ledger.raced = true;
    assertRefused(
        rs256(valid().build()),
        "The client assertion was used before: each assertion is accepted once (a new jti).");
  }

  @Test
  void aFailedInsertWithNoRowIsNoReplay() {
    ledger.away = true;
    String assertion = rs256(valid().build());
    assertThat(catchThrowable(() -> present(assertion)))
        .as("not a ClientRejected: the database's failure goes on up (503)")
        .isExactlyInstanceOf(PersistenceException.class);
  }

  @Test
  void rs256Ps256AndEs256AreAccepted() throws Exception {
    assertThat(present(rs256(valid().build()))).isEqualTo(client);
    assertThat(
            present(
                signed(JWSAlgorithm.PS256, new RSASSASigner(RSA), RSA.getKeyID(), valid().build())))
        .isEqualTo(client);
    assertThat(
            present(
                signed(JWSAlgorithm.ES256, new ECDSASigner(EC), EC.getKeyID(), valid().build())))
        .isEqualTo(client);
  }

  @Test
  void anExpiredAssertionIsRefusedAfterTheClockSkew() {
    Instant withinSkew = NOW.minus(ClientAssertions.CLOCK_SKEW).plusSeconds(1);
    assertThat(present(rs256(valid().expirationTime(Date.from(withinSkew)).build())))
        .isEqualTo(client);
    Instant past = NOW.minus(ClientAssertions.CLOCK_SKEW);
    assertRefused(
        rs256(valid().expirationTime(Date.from(past)).build()),
        "The client assertion has expired.");
  }

  @Test
  void expIsRequiredAndAtMostTheMaximumLifetimeAhead() {
    assertRefused(rs256(valid().expirationTime(null).build()), "The client assertion has no exp.");
    Instant longest = NOW.plus(ClientAssertions.MAX_LIFETIME).plus(ClientAssertions.CLOCK_SKEW);
    assertThat(present(rs256(valid().expirationTime(Date.from(longest)).build())))
        .isEqualTo(client);
    assertRefused(
        rs256(valid().expirationTime(Date.from(longest.plusSeconds(1))).build()),
        "The client assertion's exp is more than 5 minutes ahead.");
  }

  @Test
  void notBeforeAndIssuedAtMayNotBeAheadOfTheClockSkew() {
    Duration ahead = ClientAssertions.CLOCK_SKEW.plusSeconds(1);
    assertRefused(
        rs256(valid().notBeforeTime(Date.from(NOW.plus(ahead))).build()),
        "The client assertion is not valid yet (nbf).");
    assertRefused(
        rs256(valid().issueTime(Date.from(NOW.plus(ahead))).build()),
        "The client assertion was issued in the future (iat).");
    assertThat(present(rs256(valid().notBeforeTime(Date.from(NOW.plusSeconds(30))).build())))
        .as("within the skew")
        .isEqualTo(client);
  }

  @Test
  void theAudienceMustNameRotorsIssuerOrTokenEndpoint() {
    String detail =
        "The client assertion's aud must name Rotor: its issuer or its token endpoint URL.";
    assertRefused(rs256(valid().audience("https://other.example/token").build()), detail);
    assertRefused(rs256(valid().audience((String) null).build()), detail);
    assertThat(present(rs256(valid().audience(ISSUER).build()))).isEqualTo(client);
    assertThat(
            present(
                rs256(valid().audience(List.of("https://other.example", TOKEN_ENDPOINT)).build())))
        .isEqualTo(client);
    assertThat(present(rs256(valid().audience(ISSUER + "/oauth2/introspect").build())))
        .isEqualTo(client);
  }

  @Test
  void issAndSubMustBothBeTheClient() {
    String detail = "The client assertion's iss and sub must both be the client_id.";
    assertRefused(rs256(valid().issuer("someone-else").build()), detail);
    assertRefused(rs256(valid().subject("someone-else").build()), detail);
    assertRefused(rs256(valid().issuer(null).subject(null).build()), detail);
    assertRefused(
        rs256(valid().issuer(secretClient.id()).subject(secretClient.id()).build()),
        "Client authentication failed.");
  }

  @Test
  void aClientIdInTheFormMustNameTheSameClient() {
    assertThat(present(rs256(valid().build()), ID)).isEqualTo(client);
    try {
      present(rs256(valid().build()), secretClient.id());
      throw new AssertionError("accepted");
    } catch (ClientRejected e) {
      assertThat(e.reason()).isEqualTo(ClientRejected.Reason.MALFORMED);
    }
  }

  @Test
  void aJtiIsRequired() {
    assertRefused(rs256(valid().jwtID(null).build()), "The client assertion has no jti.");
    assertRefused(rs256(valid().jwtID(" ").build()), "The client assertion has no jti.");
  }

  @Test
  void anUnsignedAssertionIsRefused() {
    assertRefused(
        new PlainJWT(valid().build()).serialize(), "The client assertion is not a signed JWT.");
    assertRefused("not a JWT", "The client assertion is not a signed JWT.");
  }

  /** HMAC is a shared secret; the classic attack signs with the public key as the HMAC key. */
  @Test
  void hmacIsRefusedEvenWithThePublicKeyAsItsSecret() throws Exception {
    byte[] publicKey = RSA.toRSAPublicKey().getEncoded();
    assertRefused(
        signed(JWSAlgorithm.HS256, new MACSigner(publicKey), RSA.getKeyID(), valid().build()),
        "Client authentication failed.");
    assertRefused(
        signed(JWSAlgorithm.HS256, new MACSigner(new byte[32]), null, valid().build()),
        "Client authentication failed.");
  }

  @Test
  void aKeyOutsideTheRegisteredSetIsRefused() throws Exception {
    assertRefused(
        signed(
            JWSAlgorithm.RS256, new RSASSASigner(STRANGER), STRANGER.getKeyID(), valid().build()),
        "Client authentication failed.");
    assertRefused(
        signed(JWSAlgorithm.RS256, new RSASSASigner(STRANGER), null, valid().build()),
        "Client authentication failed.");
    assertThat(ledger.rows).as("nothing recorded for a refused assertion").isEmpty();
  }

  @Test
  void anotherMethodThanTheRegisteredOneIsRefused() {
    try {
      authentication.authenticate(ClientCredentials.of(null, ID, "secret"));
      throw new AssertionError("accepted");
    } catch (ClientRejected e) {
      assertThat(e.reason()).isEqualTo(ClientRejected.Reason.FAILED);
    }
    try {
      authentication.authenticate(ClientCredentials.of(null, ID, null));
      throw new AssertionError("accepted");
    } catch (ClientRejected e) {
      assertThat(e.reason())
          .as("a private_key_jwt client is not public")
          .isEqualTo(ClientRejected.Reason.FAILED);
    }
  }
}
