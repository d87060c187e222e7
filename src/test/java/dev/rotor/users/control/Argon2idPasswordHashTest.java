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
  void reusedHashMemoryGivesTheSameResultsOneAfterAnotherAndAtOnce() throws Exception {
    // Sized for m=65536: every verification below runs in memory an earlier one used.
    Argon2idPasswordHash pooled = new Argon2idPasswordHash(65536, 2, 1, 2);
    String reference =
        "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
    String other = pooled.generate("another password".toCharArray());

    var pool = java.util.concurrent.Executors.newFixedThreadPool(3);
    try {
      var results =
          pool.invokeAll(
              java.util.List.<java.util.concurrent.Callable<Boolean>>of(
                  () -> pooled.verify("password".toCharArray(), reference),
                  () -> pooled.verify("another password".toCharArray(), other),
                  () -> pooled.verify("password".toCharArray(), reference)));
      for (var result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(pooled.verify("password".toCharArray(), reference)).isTrue();
    assertThat(pooled.verify("wrong".toCharArray(), reference)).isFalse();
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
