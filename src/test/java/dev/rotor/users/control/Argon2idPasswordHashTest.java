package dev.rotor.users.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every behaviour holds for both engines: libargon2 ({@code true}) and Bouncy Castle. */
class Argon2idPasswordHashTest {

  // Made by an independent implementation (hash-wasm): password "password", salt "somesalt".
  static final String REFERENCE =
      "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";

  static Argon2idPasswordHash defaults(boolean nativeHash) {
    return new Argon2idPasswordHash(19456, 2, 1, 2, nativeHash);
  }

  @Test
  void libargon2HashesOnThisMachineUnlessSwitchedOff() {
    assertThat(defaults(true).engine()).isEqualTo("libargon2 (native)");
    assertThat(defaults(false).engine()).isEqualTo("Bouncy Castle");
  }

  @Test
  void eachEngineVerifiesTheOthersHashes() {
    Argon2idPasswordHash nativeHash = defaults(true);
    Argon2idPasswordHash java = defaults(false);

    String byNative = nativeHash.generate("correct horse".toCharArray());
    String byJava = java.generate("correct horse".toCharArray());

    assertThat(java.verify("correct horse".toCharArray(), byNative)).isTrue();
    assertThat(nativeHash.verify("correct horse".toCharArray(), byJava)).isTrue();
    assertThat(java.verify("correct horsf".toCharArray(), byNative)).isFalse();
    assertThat(nativeHash.verify("correct horsf".toCharArray(), byJava)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void hashesAreArgon2idPhcStringsWithTheConfiguredParameters(boolean nativeHash) {
    String hash = defaults(nativeHash).generate("correct horse".toCharArray());

    assertThat(hash)
        .matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void theRightPasswordVerifiesAndAWrongOneDoesNot(boolean nativeHash) {
    Argon2idPasswordHash defaults = defaults(nativeHash);
    String hash = defaults.generate("correct horse".toCharArray());

    assertThat(defaults.verify("correct horse".toCharArray(), hash)).isTrue();
    assertThat(defaults.verify("correct horsf".toCharArray(), hash)).isFalse();
    assertThat(defaults.verify("".toCharArray(), hash)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void theSamePasswordHashesDifferentlyEachTime(boolean nativeHash) {
    Argon2idPasswordHash defaults = defaults(nativeHash);

    assertThat(defaults.generate("same".toCharArray()))
        .isNotEqualTo(defaults.generate("same".toCharArray()));
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aKnownArgon2idVectorVerifies(boolean nativeHash) {
    Argon2idPasswordHash defaults = defaults(nativeHash);

    assertThat(defaults.verify("password".toCharArray(), REFERENCE)).isTrue();
    assertThat(defaults.needsRehash(REFERENCE)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void permitsGiveTheSameResultsOneAfterAnotherAndAtOnce(boolean nativeHash) throws Exception {
    // Sized for m=65536: with Bouncy Castle every verification below runs in memory an earlier
    // one used.
    Argon2idPasswordHash pooled = new Argon2idPasswordHash(65536, 2, 1, 2, nativeHash);
    String other = pooled.generate("another password".toCharArray());

    var pool = Executors.newFixedThreadPool(3);
    try {
      var results =
          pool.invokeAll(
              List.<Callable<Boolean>>of(
                  () -> pooled.verify("password".toCharArray(), REFERENCE),
                  () -> pooled.verify("another password".toCharArray(), other),
                  () -> pooled.verify("password".toCharArray(), REFERENCE)));
      for (var result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(pooled.verify("password".toCharArray(), REFERENCE)).isTrue();
    assertThat(pooled.verify("wrong".toCharArray(), REFERENCE)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void hashesFromOtherParametersStillVerifyButAskForARehash(boolean nativeHash) {
    Argon2idPasswordHash defaults = defaults(nativeHash);
    Argon2idPasswordHash older = new Argon2idPasswordHash(8192, 1, 2, 1, nativeHash);
    String oldHash = older.generate("pw".toCharArray());

    assertThat(oldHash).startsWith("$argon2id$v=19$m=8192,t=1,p=2$");
    assertThat(defaults.verify("pw".toCharArray(), oldHash)).isTrue();
    assertThat(defaults.needsRehash(oldHash)).isTrue();
    assertThat(defaults.needsRehash(defaults.generate("pw".toCharArray()))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void garbageInsteadOfAHashNeverVerifies(boolean nativeHash) {
    Argon2idPasswordHash defaults = defaults(nativeHash);

    assertThat(defaults.verify("x".toCharArray(), "plain-text")).isFalse();
    assertThat(defaults.verify("x".toCharArray(), null)).isFalse();
    assertThat(defaults.verify("x".toCharArray(), "$argon2i$v=19$m=16,t=2,p=1$c2FsdHNhbHQ$aGFzaA"))
        .isFalse();
  }
}
