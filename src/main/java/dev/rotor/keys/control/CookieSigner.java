package dev.rotor.keys.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import dev.rotor.keys.entity.ServerSecret;
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
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Signs values that browsers hold and hand back (the forms' CSRF tokens, device cookies) with
 * HMAC-SHA256 under a key every node shares through the database, so that any node can tell a value
 * Rotor made from one planted by somebody else. Each value is signed for a purpose, so a signature
 * made for one cookie never passes for another.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class CookieSigner {

  private static final System.Logger LOG = System.getLogger(CookieSigner.class.getName());
  static final String NAME = "cookie-mac";

  @PersistenceContext EntityManager em;

  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = KeyProtection.SECRET_KEY)
  Optional<String> encryptionSecret;

  private SecretKey key;

  public CookieSigner() {}

  /** A signer under the given key, for tests. */
  public CookieSigner(SecretKey key) {
    this.key = key;
  }

  /** Loads the cluster's key, or makes it under the keys' row lock when no node has yet. */
  @PostConstruct
  void start() {
    KeyProtection protection = new KeyProtection(encryptionSecret.orElse(null));
    em.find(NamedLock.class, NamedLock.SIGNING_KEYS, LockModeType.PESSIMISTIC_WRITE);
    ServerSecret stored = em.find(ServerSecret.class, NAME);
    if (stored == null) {
      try {
        stored =
            new ServerSecret(
                NAME,
                protection.seal(new OctetSequenceKeyGenerator(256).keyID(NAME).generate()),
                clock.instant());
      } catch (JOSEException e) {
        throw new IllegalStateException("cannot generate the cookie key", e);
      }
      em.persist(stored);
      LOG.log(System.Logger.Level.INFO, "Generated the key that signs browser cookies");
    } else if (protection.encrypts() && !KeyProtection.isSealed(stored.jwk())) {
      stored.protect(protection.seal(protection.open(stored.jwk())));
    }
    key = ((OctetSequenceKey) protection.open(stored.jwk())).toSecretKey("HmacSHA256");
  }

  /** The signature of {@code value} for {@code purpose}, base64url without padding. */
  public String sign(String purpose, String value) {
    return of(key, purpose, value);
  }

  /** Whether {@code signature} is this cluster's for {@code value} and {@code purpose}. */
  public boolean verifies(String signature, String purpose, String value) {
    if (signature == null || value == null) {
      return false;
    }
    return MessageDigest.isEqual(
        sign(purpose, value).getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.US_ASCII));
  }

  static String of(SecretKey key, String purpose, String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(purpose.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }
}
