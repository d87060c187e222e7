package dev.rotor.keys.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.rotor.configuration.KeySettings;
import dev.rotor.configuration.TokenLifetimes;
import dev.rotor.keys.entity.SigningKey;
import dev.rotor.persistence.NamedLock;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.security.Provider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The signing keys of the cluster, kept in the database. At start-up and every minute each node
 * reloads them (a key another node created is known here long before it signs); key creation, first
 * or by rotation, happens under a row lock, so nodes never create competing keys.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigration")
// Readers only see an immutable KeyRing through a volatile field: no container lock needed.
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SigningKeys {

  private static final System.Logger LOG = System.getLogger(SigningKeys.class.getName());
  private static final Duration RELOAD = Duration.ofMinutes(1);

  @PersistenceContext EntityManager em;

  @Resource TimerService timers;

  @Inject Clock clock;

  @Inject KeySettings settings;

  @Inject TokenLifetimes lifetimes;

  @Inject
  @ConfigProperty(name = KeyProtection.SECRET_KEY)
  Optional<String> encryptionSecret;

  private KeyProtection protection;
  private Provider provider;
  private final Map<String, JWK> opened = new ConcurrentHashMap<>();
  private volatile KeyRing ring;
  private String publishedJson;

  @Inject CurrentKeys current;

  @PostConstruct
  void start() {
    protection = new KeyProtection(encryptionSecret.orElse(null));
    provider = settings.nativeSigning() ? SignatureProvider.nativeProvider().orElse(null) : null;
    LOG.log(
        System.Logger.Level.INFO,
        "Access tokens are signed by {0}",
        provider == null ? "the JDK's provider" : provider.getName());
    lock();
    List<SigningKey> stored = stored();
    if (stored.stream()
        .noneMatch(k -> k.algorithm().equals(supportedAlgorithm(settings.algorithm()).getName()))) {
      SigningKey first = generate(clock.instant());
      em.persist(first);
      LOG.log(
          System.Logger.Level.INFO,
          "Generated signing key {0} ({1})",
          first.kid(),
          settings.algorithm());
      stored = stored();
    }
    if (protection.encrypts()) {
      for (SigningKey key : stored) {
        if (!KeyProtection.isSealed(key.privateJwk())) {
          key.protect(protection.seal(protection.open(key.privateJwk())));
          LOG.log(System.Logger.Level.INFO, "Encrypted stored signing key {0}", key.kid());
        }
      }
    }
    load(stored);
    timers.createIntervalTimer(
        RELOAD.toMillis(), RELOAD.toMillis(), new TimerConfig("rotor-key-reload", false));
  }

  /** Every minute: pick up keys other nodes made, rotate when the interval is up. */
  @Timeout
  void tick() {
    Instant now = clock.instant();
    KeyRing current = ring;
    if (current.upcoming(now) == null
        && !current.signing(now).activatesAt().plus(settings.rotationInterval()).isAfter(now)) {
      rotate("scheduled");
    } else {
      load(stored());
    }
  }

  /**
   * Adds the next key: published now, signing after {@code rotor.keys.publish-ahead}. Under the
   * lock, a rotation another node has just made counts: no second key is added.
   */
  public KeyRing.Key rotate(String why) {
    lock();
    Instant now = clock.instant();
    load(stored());
    KeyRing.Key upcoming = ring.upcoming(now);
    if (upcoming != null && why.equals("scheduled")) {
      return upcoming;
    }
    SigningKey next = generate(now.plus(settings.publishAhead()));
    em.persist(next);
    em.flush();
    load(stored());
    LOG.log(
        System.Logger.Level.INFO,
        "Rotated signing keys ({0}): {1} signs from {2}",
        why,
        next.kid(),
        next.activatesAt());
    return ring.keys().stream().filter(k -> k.kid().equals(next.kid())).findFirst().orElseThrow();
  }

  private void lock() {
    em.find(NamedLock.class, NamedLock.SIGNING_KEYS, LockModeType.PESSIMISTIC_WRITE);
  }

  private List<SigningKey> stored() {
    return em.createNamedQuery(SigningKey.NEWEST_FIRST, SigningKey.class).getResultList();
  }

  private synchronized void load(List<SigningKey> stored) {
    List<KeyRing.Key> keys =
        stored.stream()
            .map(
                k ->
                    KeyRing.Key.of(
                        opened.computeIfAbsent(k.kid(), kid -> protection.open(k.privateJwk())),
                        k.activatesAt(),
                        provider))
            .toList();
    // A client's tokens may outlive the server's default: a retired key stays for the longest.
    ring = new KeyRing(keys, lifetimes.longestAccessToken().plusMinutes(1));
    current.replace(ring);
    String json = current.publishedJson();
    if (!json.equals(publishedJson)) {
      PublishedKeysConfigSource.publish(json);
      publishedJson = json;
    }
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

  static JWK generateJwk(JWSAlgorithm alg) {
    String kid = UUID.randomUUID().toString();
    try {
      return JWSAlgorithm.ES256.equals(alg)
          ? new ECKeyGenerator(Curve.P_256)
              .keyID(kid)
              .algorithm(alg)
              .keyUse(KeyUse.SIGNATURE)
              .generate()
          : new RSAKeyGenerator(2048).keyID(kid).algorithm(alg).keyUse(KeyUse.SIGNATURE).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate a " + alg + " signing key", e);
    }
  }

  private SigningKey generate(Instant activatesAt) {
    JWK jwk = generateJwk(supportedAlgorithm(settings.algorithm()));
    opened.put(jwk.getKeyID(), jwk);
    return new SigningKey(
        jwk.getKeyID(),
        jwk.getAlgorithm().getName(),
        jwk.toPublicJWK().toJSONString(),
        protection.seal(jwk),
        clock.instant(),
        activatesAt);
  }
}
