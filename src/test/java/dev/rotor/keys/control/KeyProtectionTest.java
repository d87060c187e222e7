package dev.rotor.keys.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.Test;

class KeyProtectionTest {

  final JWK key = generate();

  static JWK generate() {
    try {
      return new RSAKeyGenerator(2048).keyID("k1").algorithm(JWSAlgorithm.RS256).generate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void withASecretTheStoredFormRevealsNoKeyMaterial() {
    KeyProtection protection = new KeyProtection("a long key-encryption secret");

    String stored = protection.seal(key);

    assertThat(KeyProtection.isSealed(stored)).isTrue();
    assertThat(stored).doesNotContain(key.toRSAKey().getPrivateExponent().toString());
    assertThat(stored.split("\\.")).hasSize(5);
    assertThat(protection.open(stored)).isEqualTo(key);
  }

  @Test
  void aWrongSecretOrNoSecretRefusesToOpenNamingTheKey() {
    String stored = new KeyProtection("the right secret").seal(key);

    assertThatThrownBy(() -> new KeyProtection("the wrong secret").open(stored))
        .hasMessageStartingWith("rotor.keys.encryption-secret:");
    assertThatThrownBy(() -> new KeyProtection(null).open(stored))
        .hasMessageStartingWith("rotor.keys.encryption-secret:");
  }

  @Test
  void withoutASecretKeysAreStoredAsPlainJwks() {
    KeyProtection none = new KeyProtection("  ");

    String stored = none.seal(key);

    assertThat(KeyProtection.isSealed(stored)).isFalse();
    assertThat(none.open(stored)).isEqualTo(key);
    assertThat(new KeyProtection("any").open(stored)).as("plain keys still open").isEqualTo(key);
  }
}
