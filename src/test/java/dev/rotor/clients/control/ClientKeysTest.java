package dev.rotor.clients.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientKeysTest {

  static String refusal(String json) {
    return catchThrowableOfType(ClientKeys.Refused.class, () -> ClientKeys.normalized(json))
        .getMessage();
  }

  @Test
  void publicRsaAndP256KeysAreKeptAndNothingElse() throws Exception {
    RSAKey rsa = new RSAKeyGenerator(2048).keyID("r").generate();
    ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("e").generate();
    String given = new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toString(true);
    String stored = ClientKeys.normalized(given.replaceFirst("\\{", "{\"extra\":1,"));
    assertThat(JWKSet.parse(stored).getKeys())
        .extracting(k -> k.getKeyID())
        .containsExactly("r", "e");
    assertThat(stored).doesNotContain("extra");
  }

  @Test
  void privateOrSymmetricKeyMaterialIsRefused() throws Exception {
    RSAKey rsa = new RSAKeyGenerator(2048).keyID("r").generate();
    assertThat(refusal(new JWKSet(rsa).toString(false)))
        .isEqualTo("key 'r' holds private or secret key material: register the public key only");
    assertThat(
            refusal(
                new JWKSet(new OctetSequenceKeyGenerator(256).keyID("o").generate())
                    .toString(false)))
        .isEqualTo("key 'o' holds private or secret key material: register the public key only");
  }

  @Test
  void weakOrForeignKeysAreRefused() throws Exception {
    assertThat(
            refusal(
                new JWKSet(new RSAKeyGenerator(1024, true).keyID("s").generate().toPublicJWK())
                    .toString()))
        .isEqualTo("key 's' is an RSA key of fewer than 2048 bits");
    assertThat(
            refusal(
                new JWKSet(new ECKeyGenerator(Curve.P_384).keyID("p").generate().toPublicJWK())
                    .toString()))
        .isEqualTo("key 'p' is an EC key on another curve than P-256 (ES256)");
    assertThat(
            refusal(
                new JWKSet(
                        new RSAKeyGenerator(2048)
                            .keyID("h")
                            .algorithm(JWSAlgorithm.HS256)
                            .generate()
                            .toPublicJWK())
                    .toString()))
        .isEqualTo("key 'h' is an RSA key: its alg must be RS256 or PS256 (or none)");
    assertThat(
            refusal(
                new JWKSet(
                        new RSAKeyGenerator(2048)
                            .keyID("u")
                            .keyUse(KeyUse.ENCRYPTION)
                            .generate()
                            .toPublicJWK())
                    .toString()))
        .isEqualTo("key 'u' must have use \"sig\" (or none)");
  }

  @Test
  void theSetMustHoldOneToTenKnownKeys() throws Exception {
    assertThat(refusal("{\"keys\":[]}")).isEqualTo("must hold at least one public key");
    assertThat(refusal("{\"keys\":[{\"kty\":\"XYZ\"}]}"))
        .isEqualTo("holds a key of a type Rotor does not know; use RSA or EC (P-256) keys");
    assertThat(refusal("{\"keys\":[{\"kty\":\"RSA\"}]}"))
        .isEqualTo("is not a valid JWK Set (RFC 7517 §5): a key is malformed");
    assertThat(refusal("{\"kty\":\"RSA\"}"))
        .isEqualTo("must be a JWK Set: an object with a \"keys\" array (RFC 7517 §5)");
    ECKey ec = new ECKeyGenerator(Curve.P_256).generate();
    assertThat(
            refusal(
                new JWKSet(Collections.nCopies(ClientKeys.MAX_KEYS + 1, ec.toPublicJWK()))
                    .toString()))
        .isEqualTo("holds more than 10 keys");
  }

  @Test
  void aJwksUriIsHttpsOrLoopbackHttp() {
    assertThat(ClientKeys.uriProblem("https://keys.example/jwks.json")).isNull();
    assertThat(ClientKeys.uriProblem("http://127.0.0.1:8081/jwks")).isNull();
    assertThat(ClientKeys.uriProblem("http://localhost/jwks")).isNull();
    assertThat(ClientKeys.uriProblem("http://keys.example/jwks")).startsWith("may use http only");
    assertThat(ClientKeys.uriProblem("ftp://keys.example/jwks")).isEqualTo("must be an https URL");
    assertThat(ClientKeys.uriProblem("file:///etc/passwd")).isEqualTo("must be an https URL");
    assertThat(ClientKeys.uriProblem("https://keys.example/jwks#x"))
        .isEqualTo("must not have a fragment");
    assertThat(ClientKeys.uriProblem("not a uri")).isEqualTo("is not a URI");
  }
}
