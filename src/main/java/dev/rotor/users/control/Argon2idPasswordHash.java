package dev.rotor.users.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.PasswordHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Argon2id (Bouncy Castle) in PHC string form, {@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}. At
 * most {@code rotor.password.max-concurrent-hashes} run at once: a login storm queues here instead
 * of taking every core and megabyte from refreshes. Their memory (m KiB each) is allocated once and
 * reused, cleared after every hash: a fresh 19 MiB per login kept the garbage collector busier than
 * the hash itself in a small heap.
 */
@ApplicationScoped
public class Argon2idPasswordHash implements PasswordHash {

  private static final Pattern PHC =
      Pattern.compile(
          "^\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)$");
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  @Inject
  @ConfigProperty(name = "rotor.password.argon2.memory-kib", defaultValue = "19456")
  int memoryKib;

  @Inject
  @ConfigProperty(name = "rotor.password.argon2.iterations", defaultValue = "2")
  int iterations;

  @Inject
  @ConfigProperty(name = "rotor.password.argon2.parallelism", defaultValue = "1")
  int parallelism;

  @Inject
  @ConfigProperty(name = "rotor.password.max-concurrent-hashes", defaultValue = "0")
  int maxConcurrent;

  private final SecureRandom random = new SecureRandom();

  /** One memory per hash allowed at once: taking one is the permit to hash. */
  private BlockingQueue<HashMemory> memories;

  public Argon2idPasswordHash() {}

  /** For use without a container. */
  public Argon2idPasswordHash(int memoryKib, int iterations, int parallelism, int maxConcurrent) {
    this.memoryKib = memoryKib;
    this.iterations = iterations;
    this.parallelism = parallelism;
    this.maxConcurrent = maxConcurrent;
    init();
  }

  @PostConstruct
  void init() {
    int limit = maxConcurrent > 0 ? maxConcurrent : Runtime.getRuntime().availableProcessors();
    memories = new ArrayBlockingQueue<>(limit, true);
    for (int i = 0; i < limit; i++) {
      memories.add(new HashMemory(memoryKib, parallelism));
    }
  }

  @Override
  public String generate(char[] password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = compute(password, salt, memoryKib, iterations, parallelism, HASH_BYTES);
    return "$argon2id$v=19$m=%d,t=%d,p=%d$%s$%s"
        .formatted(
            memoryKib, iterations, parallelism, B64.encodeToString(salt), B64.encodeToString(hash));
  }

  @Override
  public boolean verify(char[] password, String hashedPassword) {
    Matcher phc = PHC.matcher(hashedPassword == null ? "" : hashedPassword);
    if (!phc.matches()) {
      return false;
    }
    byte[] expected = B64D.decode(phc.group(5));
    byte[] actual =
        compute(
            password,
            B64D.decode(phc.group(4)),
            Integer.parseInt(phc.group(1)),
            Integer.parseInt(phc.group(2)),
            Integer.parseInt(phc.group(3)),
            expected.length);
    return MessageDigest.isEqual(expected, actual);
  }

  /** True when the hash was made with other parameters than the configured ones. */
  public boolean needsRehash(String hashedPassword) {
    Matcher phc = PHC.matcher(hashedPassword);
    return !phc.matches()
        || Integer.parseInt(phc.group(1)) != memoryKib
        || Integer.parseInt(phc.group(2)) != iterations
        || Integer.parseInt(phc.group(3)) != parallelism;
  }

  private byte[] compute(
      char[] password, byte[] salt, int memory, int iterations, int parallelism, int length) {
    byte[] out = new byte[length];
    byte[] utf8 = new String(password).getBytes(StandardCharsets.UTF_8);
    HashMemory blocks = takeMemory();
    try {
      Argon2BytesGenerator generator = new Argon2BytesGenerator();
      generator.init(
          new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
              .withVersion(Argon2Parameters.ARGON2_VERSION_13)
              .withMemoryAsKB(memory)
              .withIterations(iterations)
              .withParallelism(parallelism)
              .withSalt(salt)
              .withBlockPool(blocks)
              .build());
      generator.generateBytes(utf8, out);
    } finally {
      memories.add(blocks);
      Arrays.fill(utf8, (byte) 0);
    }
    return out;
  }

  /** Waits for a free hash memory, as a login storm must; an interrupt is kept, not lost. */
  private HashMemory takeMemory() {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return memories.take();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
