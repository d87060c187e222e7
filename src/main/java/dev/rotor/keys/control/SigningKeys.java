package dev.rotor.keys.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.rotor.keys.entity.SigningKey;
import dev.rotor.persistence.NamedLock;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.text.ParseException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The key ring: loads the signing key from the database at start-up, or generates it when there is
 * none, under a row lock so that nodes starting together agree on one key.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigration")
// Readers only see an immutable snapshot through a volatile field: no container lock needed.
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SigningKeys {

  private static final System.Logger LOG = System.getLogger(SigningKeys.class.getName());

  @PersistenceContext EntityManager em;

  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "rotor.keys.algorithm", defaultValue = "RS256")
  String algorithm;

  private volatile ActiveKey active;

  public SigningKeys() {}

  /** A key ring over given keys, without a container. */
  SigningKeys(SigningKey key) {
    this.active = activate(key, List.of(key));
  }

  /** The key that signs now: its signer and the header every token carries. */
  public record ActiveKey(JWSSigner signer, JWSHeader header, JWKSet publicKeys) {}

  @PostConstruct
  void loadOrCreate() {
    JWSAlgorithm alg = supportedAlgorithm(algorithm);
    em.find(NamedLock.class, NamedLock.SIGNING_KEYS, LockModeType.PESSIMISTIC_WRITE);
    List<SigningKey> keys =
        em.createNamedQuery(SigningKey.NEWEST_FIRST, SigningKey.class).getResultList();
    SigningKey newest =
        keys.stream().filter(k -> k.algorithm().equals(alg.getName())).findFirst().orElse(null);
    if (newest == null) {
      newest = generate(alg);
      em.persist(newest);
      keys = new java.util.ArrayList<>(keys);
      keys.add(0, newest);
      LOG.log(System.Logger.Level.INFO, "Generated signing key {0} ({1})", newest.kid(), alg);
    }
    this.active = activate(newest, keys);
  }

  public ActiveKey active() {
    return active;
  }

  static JWSAlgorithm supportedAlgorithm(String name) {
    if ("RS256".equals(name)) {
      return JWSAlgorithm.RS256;
    }
    if ("ES256".equals(name)) {
      return JWSAlgorithm.ES256;
    }
    throw new IllegalStateException(
        "rotor.keys.algorithm: must be RS256 or ES256, got '" + name + "'");
  }

  SigningKey generate(JWSAlgorithm alg) {
    String kid = UUID.randomUUID().toString();
    try {
      JWK jwk =
          JWSAlgorithm.ES256.equals(alg)
              ? new ECKeyGenerator(Curve.P_256)
                  .keyID(kid)
                  .algorithm(alg)
                  .keyUse(KeyUse.SIGNATURE)
                  .generate()
              : new RSAKeyGenerator(2048)
                  .keyID(kid)
                  .algorithm(alg)
                  .keyUse(KeyUse.SIGNATURE)
                  .generate();
      return new SigningKey(
          kid,
          alg.getName(),
          jwk.toPublicJWK().toJSONString(),
          jwk.toJSONString(),
          clock.instant());
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate a " + alg + " signing key", e);
    }
  }

  private static ActiveKey activate(SigningKey key, List<SigningKey> published) {
    try {
      JWK jwk = JWK.parse(key.privateJwk());
      JWSSigner signer =
          jwk instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) jwk);
      JWSHeader header =
          new JWSHeader.Builder(JWSAlgorithm.parse(key.algorithm()))
              .keyID(key.kid())
              // Payara's MP-JWT rejects any other typ (RFC 9068's at+jwt included).
              .type(JOSEObjectType.JWT)
              .build();
      List<JWK> publicKeys = new java.util.ArrayList<>();
      for (SigningKey k : published) {
        publicKeys.add(JWK.parse(k.publicJwk()));
      }
      JWKSet set = new JWKSet(publicKeys);
      PublishedKeysConfigSource.publish(set.toString(true));
      return new ActiveKey(signer, header, set);
    } catch (ParseException | JOSEException e) {
      throw new IllegalStateException("stored signing key " + key.kid() + " is unreadable", e);
    }
  }
}
