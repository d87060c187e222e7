package dev.rotor.users.control;

import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Version;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Argon2id in the reference C implementation, libargon2 as argon2-jvm bundles it, called through
 * JNA. Its memory is the C library's, allocated per hash outside the Java heap. Stateless, so one
 * instance serves every permit.
 */
final class NativeArgon2id implements Argon2idEngine {

  private static final System.Logger LOG = System.getLogger(NativeArgon2id.class.getName());

  private final Argon2Advanced argon2;

  private NativeArgon2id(Argon2Advanced argon2) {
    this.argon2 = argon2;
  }

  /**
   * The native engine if libargon2 loads here and gives the same hashes as Bouncy Castle (checked
   * on a small hash); empty otherwise, with the reason logged once.
   */
  static Optional<Argon2idEngine> load() {
    return Holder.ENGINE;
  }

  @Override
  public byte[] hash(
      byte[] password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
    if (password.length == 0) {
      // argon2-jvm cannot pass an empty buffer to C; a rare case, so a one-off Java hash.
      return new BouncyCastleArgon2id(memoryKib, parallelism)
          .hash(password, salt, memoryKib, iterations, parallelism, length);
    }
    return argon2.rawHashAdvanced(
        iterations, memoryKib, parallelism, password, salt, null, null, length, Argon2Version.V13);
  }

  @Override
  public String name() {
    return "libargon2 (native)";
  }

  private static final class Holder {
    static final Optional<Argon2idEngine> ENGINE = tryLoad();

    private static Optional<Argon2idEngine> tryLoad() {
      try {
        var engine =
            new NativeArgon2id(Argon2Factory.createAdvanced(Argon2Factory.Argon2Types.ARGON2id));
        byte[] password = "self-test".getBytes(StandardCharsets.US_ASCII);
        byte[] salt = "rotor-self-test!".getBytes(StandardCharsets.US_ASCII);
        byte[] expected = new BouncyCastleArgon2id(64, 2).hash(password, salt, 64, 2, 2, 32);
        if (Arrays.equals(engine.hash(password, salt, 64, 2, 2, 32), expected)) {
          return Optional.of(engine);
        }
        LOG.log(
            System.Logger.Level.WARNING,
            "libargon2 gave another hash than Bouncy Castle in its self-test; Bouncy Castle hashes");
      } catch (LinkageError | RuntimeException e) {
        LOG.log(
            System.Logger.Level.INFO, "libargon2 unavailable here ({0}); Bouncy Castle hashes", e);
      }
      return Optional.empty();
    }
  }
}
