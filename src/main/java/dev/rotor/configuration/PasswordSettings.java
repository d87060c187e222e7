package dev.rotor.configuration;

/**
 * Argon2id's cost (memory, iterations, lanes), how many hashes may run at once (0: one per core),
 * how many may wait for a hashing thread, and whether libargon2 may compute them.
 */
public record PasswordSettings(
    int memoryKib,
    int iterations,
    int parallelism,
    int maxConcurrentHashes,
    int maxQueuedHashes,
    boolean nativeArgon2) {

  public static PasswordSettings read(ConfigReader config) {
    return new PasswordSettings(
        config.positiveInt("rotor.password.argon2.memory-kib", 19456),
        config.positiveInt("rotor.password.argon2.iterations", 2),
        config.positiveInt("rotor.password.argon2.parallelism", 1),
        config.count("rotor.password.max-concurrent-hashes", 0, "cores"),
        config.positiveInt("rotor.password.max-queued-hashes", 64),
        config.bool("rotor.password.argon2.native", true));
  }
}
