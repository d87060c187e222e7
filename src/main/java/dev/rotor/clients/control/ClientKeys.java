package dev.rotor.clients.control;

import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.rotor.configuration.ClientRedirects;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParseException;
import java.util.List;
import java.util.Locale;

/**
 * The public keys a {@code private_key_jwt} client registers (RFC 7591 {@code jwks} or {@code
 * jwks_uri}), checked when they are registered: public RSA or P-256 keys for the algorithms Rotor
 * verifies, never private or symmetric key material.
 */
public final class ClientKeys {

  /** What a client may sign its assertions with: no {@code none}, no HMAC (a shared secret). */
  public static final List<JWSAlgorithm> ALGORITHMS =
      List.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256);

  /** Keys in one inline set: enough for a rotation with overlap, several times over. */
  public static final int MAX_KEYS = 10;

  /** The stored JSON of an inline set (its column's size). */
  public static final int MAX_JWKS_CHARS = 16_000;

  public static final int MAX_URI_CHARS = 2_000;

  /** NIST SP 800-131A: RSA below 2048 bits is not allowed for signatures. */
  static final int MIN_RSA_BITS = 2048;

  private ClientKeys() {}

  /** A JWK Set that is refused, and why, in words for the admin who registered it. */
  public static class Refused extends RuntimeException {
    Refused(String reason) {
      super(reason, null, false, false);
    }
  }

  /** The set as it is stored: its keys only, each checked; {@link Refused} says what is wrong. */
  public static String normalized(String json) {
    Object keys;
    try {
      keys = JSONObjectUtils.parse(json).get("keys");
    } catch (ParseException | RuntimeException e) {
      throw new Refused("must be a JWK Set: an object with a \"keys\" array (RFC 7517 §5)");
    }
    if (!(keys instanceof List<?> list)) {
      throw new Refused("must be a JWK Set: an object with a \"keys\" array (RFC 7517 §5)");
    }
    JWKSet set;
    try {
      set = JWKSet.parse(json);
    } catch (ParseException | RuntimeException e) {
      // Nimbus meets odd JSON (a number where a key's member is a string) with runtime exceptions
      // as well as ParseException: every one of them is a set that is not one.
      throw new Refused("is not a valid JWK Set (RFC 7517 §5): a key is malformed");
    }
    int given = list.size();
    if (set.getKeys().size() != given) {
      throw new Refused("holds a key of a type Rotor does not know; use RSA or EC (P-256) keys");
    }
    if (given == 0) {
      throw new Refused("must hold at least one public key");
    }
    if (given > MAX_KEYS) {
      throw new Refused("holds more than " + MAX_KEYS + " keys");
    }
    for (JWK key : set.getKeys()) {
      String problem = problem(key);
      if (problem != null) {
        throw new Refused(
            (key.getKeyID() == null ? "a key" : "key '" + key.getKeyID() + "'") + " " + problem);
      }
    }
    String stored = new JWKSet(set.getKeys()).toString(true);
    if (stored.length() > MAX_JWKS_CHARS) {
      throw new Refused("is too long (at most " + MAX_JWKS_CHARS + " characters)");
    }
    return stored;
  }

  /**
   * What is wrong with a {@code jwks_uri}; null when nothing is. Https, or http to a loopback host
   * (127.0.0.1, [::1], localhost) for a test or a laptop, as for redirect URIs.
   */
  public static String uriProblem(String uri) {
    if (uri.length() > MAX_URI_CHARS) {
      return "is too long (at most " + MAX_URI_CHARS + " characters)";
    }
    try {
      URI parsed = new URI(uri);
      String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("https") && !scheme.equals("http")) {
        return "must be an https URL";
      }
    } catch (URISyntaxException e) {
      return "is not a URI";
    }
    return ClientRedirects.problem(uri, true);
  }

  private static String problem(JWK key) {
    if (key.isPrivate()) {
      return "holds private or secret key material: register the public key only";
    }
    if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
      return "must have use \"sig\" (or none)";
    }
    Algorithm alg = key.getAlgorithm();
    if (key instanceof RSAKey rsa) {
      if (rsa.size() < MIN_RSA_BITS) {
        return "is an RSA key of fewer than " + MIN_RSA_BITS + " bits";
      }
      return alg == null || alg.equals(JWSAlgorithm.RS256) || alg.equals(JWSAlgorithm.PS256)
          ? null
          : "is an RSA key: its alg must be RS256 or PS256 (or none)";
    }
    if (key instanceof ECKey ec) {
      if (!Curve.P_256.equals(ec.getCurve())) {
        return "is an EC key on another curve than P-256 (ES256)";
      }
      return alg == null || alg.equals(JWSAlgorithm.ES256)
          ? null
          : "is an EC key: its alg must be ES256 (or none)";
    }
    return "is neither an RSA nor an EC key: Rotor verifies RS256, PS256 and ES256 only";
  }
}
