package dev.rotor.users.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Argon2idPasswordHashTest {

  final Argon2idPasswordHash defaults = new Argon2idPasswordHash(19456, 2, 1, 2);

  @Test
  void hashesAreArgon2idPhcStringsWithTheConfiguredParameters() {
    String hash = defaults.generate("correct horse".toCharArray());

    assertThat(hash)
        .matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
  }

  @Test
  void theRightPasswordVerifiesAndAWrongOneDoesNot() {
    String hash = defaults.generate("correct horse".toCharArray());

    assertThat(defaults.verify("correct horse".toCharArray(), hash)).isTrue();
    assertThat(defaults.verify("correct horsf".toCharArray(), hash)).isFalse();
    assertThat(defaults.verify("".toCharArray(), hash)).isFalse();
  }

  @Test
  void theSamePasswordHashesDifferentlyEachTime() {
    assertThat(defaults.generate("same".toCharArray()))
        .isNotEqualTo(defaults.generate("same".toCharArray()));
  }

  @Test
  void aKnownArgon2idVectorVerifies() {
    // Made by an independent implementation (hash-wasm): password "password", salt "somesalt".
    String reference =
        "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";

    assertThat(defaults.verify("password".toCharArray(), reference)).isTrue();
    assertThat(defaults.needsRehash(reference)).isTrue();
  }

  @Test
  void hashesFromOtherParametersStillVerifyButAskForARehash() {
    Argon2idPasswordHash older = new Argon2idPasswordHash(8192, 1, 1, 1);
    String oldHash = older.generate("pw".toCharArray());

    assertThat(defaults.verify("pw".toCharArray(), oldHash)).isTrue();
    assertThat(defaults.needsRehash(oldHash)).isTrue();
    assertThat(defaults.needsRehash(defaults.generate("pw".toCharArray()))).isFalse();
  }

  @Test
  void garbageInsteadOfAHashNeverVerifies() {
    assertThat(defaults.verify("x".toCharArray(), "plain-text")).isFalse();
    assertThat(defaults.verify("x".toCharArray(), null)).isFalse();
    assertThat(defaults.verify("x".toCharArray(), "$argon2i$v=19$m=16,t=2,p=1$c2FsdHNhbHQ$aGFzaA"))
        .isFalse();
  }
}
