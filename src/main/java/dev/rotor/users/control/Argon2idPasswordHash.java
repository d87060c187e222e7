package dev.rotor.users.control;

import dev.rotor.configuration.PasswordSettings;
import dev.rotor.problems.ProblemException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.PasswordHash;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Argon2id in PHC string form, {@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}, computed by
 * libargon2 where it loads ({@code rotor.password.argon2.native}) and by Bouncy Castle otherwise;
 * both give the same hashes. At most {@code rotor.password.max-concurrent-hashes} run at once: a
 * login storm queues here instead of taking every core and megabyte from refreshes. Bouncy Castle's
 * memory (m KiB per permit) is allocated once and reused, cleared after every hash: a fresh 19 MiB
 * per login kept the garbage collector busier than the hash itself in a small heap.
 *
 * <p>At most {@code rotor.password.max-queued-hashes} wait for a hashing thread; beyond that the
 * answer is 503 at once, so a login flood cannot park every HTTP thread. No hash runs inside a
 * transaction: a transaction holds a pooled connection, and Argon2 would hold it with it.
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

  /** A full queue drains in well under a second: the client may come back after one. */
  static final Duration RETRY_WHEN_FULL = Duration.ofSeconds(1);

  private static final System.Logger LOG = System.getLogger(Argon2idPasswordHash.class.getName());

  int memoryKib;
  int iterations;
  int parallelism;
  int maxConcurrent;
  int maxQueued;
  boolean nativeHash;

  @Inject PasswordSettings settings;

  /** The container's; null without one. */
  @Resource ManagedThreadFactory threadFactory;

  /** The container's, to refuse hashing inside a transaction; null without one. */
  @Resource TransactionSynchronizationRegistry transactions;

  private final SecureRandom random = new SecureRandom();

  /**
   * The threads that hash, one per hash allowed at once; a login storm queues for them. The same
   * few threads always hash, so each reuses the memory it had last time (the C allocator's, or its
   * Bouncy Castle engine's): a hash here costs the CPU it costs alone in JMH, and a login about 4%
   * less than when the HTTP threads hashed themselves (BENCHMARKS.md).
   */
  private ExecutorService hashers;

  /** One engine per hashing thread. */
  private BlockingQueue<Argon2idEngine> engines;

  public Argon2idPasswordHash() {}

  /** For use without a container; {@code nativeHash} as {@code rotor.password.argon2.native}. */
  public Argon2idPasswordHash(
      int memoryKib, int iterations, int parallelism, int maxConcurrent, boolean nativeHash) {
    this(memoryKib, iterations, parallelism, maxConcurrent, 64, nativeHash);
  }

  public Argon2idPasswordHash(
      int memoryKib,
      int iterations,
      int parallelism,
      int maxConcurrent,
      int maxQueued,
      boolean nativeHash) {
    this.memoryKib = memoryKib;
    this.iterations = iterations;
    this.parallelism = parallelism;
    this.maxConcurrent = maxConcurrent;
    this.maxQueued = maxQueued;
    this.nativeHash = nativeHash;
    init();
  }

  @PostConstruct
  void start() {
    memoryKib = settings.memoryKib();
    iterations = settings.iterations();
    parallelism = settings.parallelism();
    maxConcurrent = settings.maxConcurrentHashes();
    maxQueued = settings.maxQueuedHashes();
    nativeHash = settings.nativeArgon2();
    init();
  }

  private void init() {
    Optional<Argon2idEngine> shared = nativeHash ? NativeArgon2id.load() : Optional.empty();
    init(() -> shared.orElseGet(() -> new BouncyCastleArgon2id(memoryKib, parallelism)));
  }

  /** With the engines a test gives (one that waits for it, say). */
  Argon2idPasswordHash(Supplier<Argon2idEngine> engine, int maxConcurrent, int maxQueued) {
    this.memoryKib = 8;
    this.iterations = 1;
    this.parallelism = 1;
    this.maxConcurrent = maxConcurrent;
    this.maxQueued = maxQueued;
    init(engine);
  }

  private void init(Supplier<Argon2idEngine> engine) {
    int limit = maxConcurrent > 0 ? maxConcurrent : Runtime.getRuntime().availableProcessors();
    engines = new ArrayBlockingQueue<>(limit, true);
    for (int i = 0; i < limit; i++) {
      engines.add(engine.get());
    }
    hashers =
        new ThreadPoolExecutor(
            limit,
            limit,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(maxQueued),
            threadFactory != null ? threadFactory : Argon2idPasswordHash::daemon,
            new ThreadPoolExecutor.AbortPolicy());
    LOG.log(
        System.Logger.Level.INFO,
        "Passwords are hashed by {0}, at most {1} at once, at most {2} waiting",
        engines.peek().name(),
        limit,
        maxQueued);
  }

  @PreDestroy
  void stop() {
    hashers.shutdownNow();
  }

  private static Thread daemon(Runnable hashing) {
    Thread thread = new Thread(hashing, "argon2id");
    thread.setDaemon(true);
    return thread;
  }

  /** How many hashes wait for a hashing thread right now. */
  int waiting() {
    return ((ThreadPoolExecutor) hashers).getQueue().size();
  }

  /** The engine in use: "libargon2 (native)" or "Bouncy Castle". */
  public String engine() {
    return engines.peek().name();
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
    if (transactions != null
        && transactions.getTransactionStatus() != Status.STATUS_NO_TRANSACTION) {
      throw new IllegalStateException(
          "a password hash must not run inside a transaction: it would hold a pooled connection");
    }
    byte[] utf8 = new String(password).getBytes(StandardCharsets.UTF_8);
    try {
      return await(
          submit(
              () -> {
                // As many engines as hashing threads: one is always free here.
                Argon2idEngine engine = engines.remove();
                try {
                  return engine.hash(utf8, salt, memory, iterations, parallelism, length);
                } finally {
                  engines.add(engine);
                }
              }));
    } finally {
      Arrays.fill(utf8, (byte) 0);
    }
  }

  private Future<byte[]> submit(Callable<byte[]> hash) {
    try {
      return hashers.submit(hash);
    } catch (RejectedExecutionException e) {
      throw ProblemException.unavailable(
          "Too many password checks are waiting; try again shortly.", RETRY_WHEN_FULL);
    }
  }

  /** Waits for the hash, as a login storm must; an interrupt is kept, not lost. */
  private static byte[] await(Future<byte[]> hash) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return hash.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException unchecked) {
            throw unchecked;
          }
          if (e.getCause() instanceof Error error) {
            throw error;
          }
          throw new IllegalStateException(e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
