package dev.rotor.clients.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.rotor.configuration.IssuerSettings;
import dev.rotor.persistence.ConnectionLoss;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code private_key_jwt} (RFC 7523 §2.2, OpenID Connect Core §9): a JWT the client signed with a
 * key of its registered JWK Set, naming itself as {@code iss} and {@code sub} and Rotor as {@code
 * aud}, short-lived, and accepted once: its {@code jti} is recorded, so a replay is refused on
 * every node.
 */
@ApplicationScoped
public class ClientAssertions {

  /** How far ahead of now an assertion's {@code exp} may be: it is a one-time proof, not a key. */
  public static final Duration MAX_LIFETIME = Duration.ofMinutes(5);

  /** Leeway for the client's clock on {@code exp}, {@code nbf} and {@code iat}. */
  public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

  /** How long a JWK Set fetched from a {@code jwks_uri} is used before it is fetched again. */
  public static final Duration JWKS_CACHE = Duration.ofMinutes(5);

  /**
   * An unknown {@code kid} fetches the set again before its cache time is up, but at most once in
   * this interval, so that assertions with made-up key ids cannot make Rotor hammer the client.
   */
  public static final Duration JWKS_REFETCH_INTERVAL = Duration.ofSeconds(30);

  /** Connect and read timeouts of a {@code jwks_uri} fetch, each. */
  public static final Duration JWKS_TIMEOUT = Duration.ofSeconds(2);

  /** The largest JWK Set document fetched, in bytes. */
  public static final int JWKS_SIZE_LIMIT = 51_200;

  /** Past this many remembered key sources (one per JWK Set or URI) the memory starts afresh. */
  static final int SOURCES_LIMIT = 1_000;

  /** {@code typ}: none, {@code JWT}, or the type a draft successor of RFC 7523 names. */
  private static final DefaultJOSEObjectTypeVerifier<SecurityContext> TYPES =
      new DefaultJOSEObjectTypeVerifier<>(
          JOSEObjectType.JWT, null, new JOSEObjectType("client-authentication+jwt"));

  private static final System.Logger LOG = System.getLogger(ClientAssertions.class.getName());

  private final Map<String, JWKSource<SecurityContext>> sources = new ConcurrentHashMap<>();

  @Inject ClientRegistry clients;

  @Inject AssertionLedger ledger;

  @Inject IssuerSettings issuer;

  @Inject Clock clock;

  protected ClientAssertions() {}

  /** Over exactly these, for tests. */
  public ClientAssertions(
      ClientRegistry clients, AssertionLedger ledger, IssuerSettings issuer, Clock clock) {
    this.clients = clients;
    this.ledger = ledger;
    this.issuer = issuer;
    this.clock = clock;
  }

  /**
   * The client the assertion authenticates; {@code clientId} is the form's, which must name the
   * same client when it is there (RFC 7521 §4.2).
   */
  Client authenticate(String assertion, String clientId) {
    SignedJWT jwt;
    JWTClaimsSet unverified;
    try {
      jwt = SignedJWT.parse(assertion);
      unverified = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw ClientRejected.failed("The client assertion is not a signed JWT.");
    }
    String id = unverified.getIssuer();
    if (id == null || !id.equals(unverified.getSubject())) {
      throw ClientRejected.failed("The client assertion's iss and sub must both be the client_id.");
    }
    if (clientId != null && !clientId.equals(id)) {
      throw ClientRejected.malformed("client_id does not match the client assertion.");
    }
    Client client =
        clients
            .find(id)
            .filter(c -> c.allowsAuthMethod(Client.PRIVATE_KEY_JWT))
            .orElseThrow(ClientRejected::failed);
    JWTClaimsSet claims = verified(jwt, client);
    Instant rememberUntil = check(claims, clock.instant());
    if (!firstUse(client.id(), claims.getJWTID(), rememberUntil)) {
      throw ClientRejected.failed(
          "The client assertion was used before: each assertion is accepted once (a new jti).");
    }
    return client;
  }

  /** The URLs an assertion's {@code aud} may name: the issuer, or an endpoint it is sent to. */
  Set<String> audiences() {
    String base = issuer.base();
    return Set.copyOf(
        List.of(
            issuer.issuer(),
            base,
            base + "/oauth2/token",
            base + "/oauth2/revoke",
            base + "/oauth2/introspect"));
  }

  /** The claims, once the signature verifies with a key of the client and an allowed algorithm. */
  private JWTClaimsSet verified(SignedJWT jwt, Client client) {
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSTypeVerifier(TYPES);
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(Set.copyOf(ClientKeys.ALGORITHMS), source(client)));
    // The claims are checked below, against the injected clock rather than the system's.
    processor.setJWTClaimsSetVerifier((claims, context) -> {});
    try {
      return processor.process(jwt, null);
    } catch (BadJOSEException | JOSEException e) {
      LOG.log(
          System.Logger.Level.DEBUG,
          "client {0}: assertion refused: {1}",
          client.id(),
          e.getClass().getSimpleName());
      throw ClientRejected.failed();
    }
  }

  /** Until when the assertion must be remembered; {@link ClientRejected} when it is refused. */
  Instant check(JWTClaimsSet claims, Instant now) {
    Date exp = claims.getExpirationTime();
    if (exp == null) {
      throw ClientRejected.failed("The client assertion has no exp.");
    }
    Instant expires = exp.toInstant();
    if (!expires.plus(CLOCK_SKEW).isAfter(now)) {
      throw ClientRejected.failed("The client assertion has expired.");
    }
    if (expires.isAfter(now.plus(MAX_LIFETIME).plus(CLOCK_SKEW))) {
      throw ClientRejected.failed(
          "The client assertion's exp is more than "
              + MAX_LIFETIME.toMinutes()
              + " minutes ahead.");
    }
    Date nbf = claims.getNotBeforeTime();
    if (nbf != null && nbf.toInstant().isAfter(now.plus(CLOCK_SKEW))) {
      throw ClientRejected.failed("The client assertion is not valid yet (nbf).");
    }
    Date iat = claims.getIssueTime();
    if (iat != null && iat.toInstant().isAfter(now.plus(CLOCK_SKEW))) {
      throw ClientRejected.failed("The client assertion was issued in the future (iat).");
    }
    List<String> aud = claims.getAudience();
    if (aud == null || aud.stream().noneMatch(audiences()::contains)) {
      throw ClientRejected.failed(
          "The client assertion's aud must name Rotor: its issuer or its token endpoint URL.");
    }
    String jti = claims.getJWTID();
    if (jti == null || jti.isBlank()) {
      throw ClientRejected.failed("The client assertion has no jti.");
    }
    return expires.plus(CLOCK_SKEW);
  }

  /**
   * Records the {@code jti}: false when it was recorded before. The look first answers a plain
   * replay without a failed insert (which both JPA providers log as an error); the insert's
   * duplicate key still settles two uses at once, on any node. A failure with no row behind it (the
   * database away) is not a replay and goes on up.
   */
  private boolean firstUse(String clientId, String jti, Instant rememberUntil) {
    String hash = digest(jti);
    if (ledger.isRecorded(clientId, hash)) {
      return false;
    }
    try {
      ledger.record(clientId, hash, rememberUntil);
      return true;
    } catch (PersistenceException | TransactionalException e) {
      if (ConnectionLoss.isConnectionLoss(e) || !ledger.isRecorded(clientId, hash)) {
        throw e;
      }
      return false;
    }
  }

  private JWKSource<SecurityContext> source(Client client) {
    String key = client.jwksUri() != null ? "uri " + client.jwksUri() : "set " + client.jwks();
    if (sources.size() >= SOURCES_LIMIT) {
      sources.clear();
    }
    try {
      return sources.computeIfAbsent(key, k -> newSource(client));
    } catch (IllegalArgumentException e) {
      throw ClientRejected.failed();
    }
  }

  private static JWKSource<SecurityContext> newSource(Client client) {
    if (client.jwksUri() != null) {
      try {
        int timeout = (int) JWKS_TIMEOUT.toMillis();
        return JWKSourceBuilder.<SecurityContext>create(
                URI.create(client.jwksUri()).toURL(),
                new DefaultResourceRetriever(timeout, timeout, JWKS_SIZE_LIMIT))
            .cache(JWKS_CACHE.toMillis(), 2L * timeout + 1_000)
            .refreshAheadCache(false)
            .rateLimited(JWKS_REFETCH_INTERVAL.toMillis())
            .retrying(false)
            .outageTolerant(false)
            .build();
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException("not a URL", e);
      }
    }
    if (client.jwks() == null) {
      throw new IllegalArgumentException("no keys");
    }
    try {
      return new ImmutableJWKSet<>(JWKSet.parse(client.jwks()));
    } catch (ParseException e) {
      throw new IllegalArgumentException("not a JWK Set", e);
    }
  }

  private static String digest(String jti) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(Client.sha256(jti));
  }
}
