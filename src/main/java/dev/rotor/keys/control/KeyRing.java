package dev.rotor.keys.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An immutable snapshot of the signing keys and the rules of their life: the newest key whose
 * activation has come signs; a key is published from its creation (before it signs) until its
 * successor has signed for longer than an access token lives (after which none of its tokens can
 * still be valid).
 */
public final class KeyRing {

  /** One key pair, ready to sign. */
  public record Key(JWK jwk, JWSSigner signer, JWSHeader header, Instant activatesAt) {

    public String kid() {
      return jwk.getKeyID();
    }

    /** A key that signs with the JDK's own provider. */
    public static Key of(JWK privateJwk, Instant activatesAt) {
      return of(privateJwk, activatesAt, null);
    }

    /**
     * A key that signs with the given JCA provider (null: the JDK's). The private key is translated
     * into the provider's own form once, here, not on every signature.
     */
    public static Key of(JWK privateJwk, Instant activatesAt, Provider provider) {
      try {
        PrivateKey privateKey =
            privateJwk instanceof ECKey ec
                ? ec.toPrivateKey()
                : ((RSAKey) privateJwk).toPrivateKey();
        if (provider != null) {
          privateKey =
              (PrivateKey)
                  KeyFactory.getInstance(privateKey.getAlgorithm(), provider)
                      .translateKey(privateKey);
        }
        JWSSigner signer =
            privateJwk instanceof ECKey ec
                ? new ECDSASigner(privateKey, ec.getCurve())
                : new RSASSASigner(privateKey);
        if (provider != null) {
          signer.getJCAContext().setProvider(provider);
        }
        JWSHeader header =
            new JWSHeader.Builder(JWSAlgorithm.parse(privateJwk.getAlgorithm().getName()))
                .keyID(privateJwk.getKeyID())
                // Payara's MP-JWT rejects any other typ (RFC 9068's at+jwt included).
                .type(JOSEObjectType.JWT)
                .build();
        return new Key(privateJwk, signer, header, activatesAt);
      } catch (JOSEException | GeneralSecurityException e) {
        throw new IllegalStateException("unusable signing key " + privateJwk.getKeyID(), e);
      }
    }
  }

  private final List<Key> oldestFirst;
  private final Duration tokenLifetime;

  public KeyRing(List<Key> keys, Duration tokenLifetime) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("a key ring needs a key");
    }
    this.oldestFirst = keys.stream().sorted(Comparator.comparing(Key::activatesAt)).toList();
    this.tokenLifetime = tokenLifetime;
  }

  /** The key that signs at this instant: the newest one already activated. */
  public Key signing(Instant now) {
    Key signing = oldestFirst.get(0);
    for (Key key : oldestFirst) {
      if (!key.activatesAt().isAfter(now)) {
        signing = key;
      }
    }
    return signing;
  }

  /** The key that will sign next, if one is waiting for its activation. */
  public Key upcoming(Instant now) {
    return oldestFirst.stream().filter(k -> k.activatesAt().isAfter(now)).findFirst().orElse(null);
  }

  /** Public keys a verifier may need at this instant: upcoming, signing, and recently retired. */
  public JWKSet published(Instant now) {
    Key signing = signing(now);
    List<JWK> published = new ArrayList<>();
    for (int i = 0; i < oldestFirst.size(); i++) {
      Key key = oldestFirst.get(i);
      boolean retiredLongEnough =
          i + 1 < oldestFirst.size()
              && key != signing
              && key.activatesAt().isBefore(signing.activatesAt())
              && !oldestFirst.get(i + 1).activatesAt().plus(tokenLifetime).isAfter(now);
      if (!retiredLongEnough) {
        published.add(key.jwk().toPublicJWK());
      }
    }
    return new JWKSet(published);
  }

  public List<Key> keys() {
    return oldestFirst;
  }
}
