package dev.rotor.users.control;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/** Argon2id in Java (Bouncy Castle), in a memory of its own that every hash reuses. */
final class BouncyCastleArgon2id implements Argon2idEngine {

  private final HashMemory memory;

  BouncyCastleArgon2id(int memoryKib, int parallelism) {
    memory = new HashMemory(memoryKib, parallelism);
  }

  @Override
  public byte[] hash(
      byte[] password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
    byte[] out = new byte[length];
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(memoryKib)
            .withIterations(iterations)
            .withParallelism(parallelism)
            .withSalt(salt)
            .withBlockPool(memory)
            .build());
    generator.generateBytes(password, out);
    return out;
  }

  @Override
  public String name() {
    return "Bouncy Castle";
  }
}
