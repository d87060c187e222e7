package dev.rotor.keys.control;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.PasswordBasedDecrypter;
import com.nimbusds.jose.crypto.PasswordBasedEncrypter;
import com.nimbusds.jose.jwk.JWK;
import java.text.ParseException;

/**
 * Private keys at rest: a JWE (PBES2-HS512+A256KW, A256GCM) under {@code
 * rotor.keys.encryption-secret} when one is configured, else the plain JWK. A wrong secret fails
 * the GCM tag check and start-up stops.
 */
public final class KeyProtection {

  static final String SECRET_KEY = "rotor.keys.encryption-secret";
  private static final int SALT_BYTES = 16;
  // OWASP's PBKDF2-HMAC-SHA512 figure; each stored key is decrypted once per node start.
  private static final int ITERATIONS = 210_000;

  private final String secret;

  /** With a null or blank secret, keys are stored as plain JWKs. */
  public KeyProtection(String secret) {
    this.secret = secret == null || secret.isBlank() ? null : secret;
  }

  public boolean encrypts() {
    return secret != null;
  }

  public String seal(JWK privateJwk) {
    if (secret == null) {
      return privateJwk.toJSONString();
    }
    try {
      JWEObject jwe =
          new JWEObject(
              new JWEHeader(JWEAlgorithm.PBES2_HS512_A256KW, EncryptionMethod.A256GCM),
              new Payload(privateJwk.toJSONString()));
      jwe.encrypt(new PasswordBasedEncrypter(secret, SALT_BYTES, ITERATIONS));
      return jwe.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot encrypt signing key " + privateJwk.getKeyID(), e);
    }
  }

  public static boolean isSealed(String stored) {
    return !stored.trim().startsWith("{");
  }

  public JWK open(String stored) {
    try {
      if (!isSealed(stored)) {
        return JWK.parse(stored);
      }
      if (secret == null) {
        throw new IllegalStateException(
            SECRET_KEY + ": the stored signing keys are encrypted; configure the secret to start");
      }
      JWEObject jwe = JWEObject.parse(stored);
      try {
        jwe.decrypt(new PasswordBasedDecrypter(secret));
      } catch (JOSEException e) {
        throw new IllegalStateException(
            SECRET_KEY + ": cannot decrypt the stored signing keys; is it the right secret?", e);
      }
      return JWK.parse(jwe.getPayload().toString());
    } catch (ParseException e) {
      throw new IllegalStateException("a stored signing key is unreadable", e);
    }
  }
}
