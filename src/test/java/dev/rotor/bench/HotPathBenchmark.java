package dev.rotor.bench;

import dev.rotor.keys.control.AccessTokenIssuer;
import dev.rotor.keys.control.IssuerFixture;
import dev.rotor.security.SecretTokens;
import dev.rotor.users.control.Argon2idPasswordHash;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CPU-bound steps of Rotor's hot paths, outside any container: what one refresh costs in
 * cryptography (sign an access token, mint and hash a refresh token) and what one login costs (one
 * Argon2id hash at the default parameters). Results are operations per second on one thread.
 *
 * <p>Run (see BENCHMARKS.md): {@code java -cp "target/test-classes:target/classes:$(cat
 * target/bench.classpath)" org.openjdk.jmh.Main HotPath -f 1 -wi 3 -i 5}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HotPathBenchmark {

  /** The signing key ring; {@code -p algorithm=ES256} measures the other supported algorithm. */
  @State(Scope.Benchmark)
  public static class Signer {
    @Param({"RS256"})
    public String algorithm;

    /** {@code native}: Amazon Corretto Crypto Provider, as Rotor signs; {@code jdk}: the JDK's. */
    @Param({"native", "jdk"})
    public String provider;

    AccessTokenIssuer issuer;

    final AccessTokenIssuer.Subject subject =
        new AccessTokenIssuer.Subject(
            "0b7f3c1e-5d7a-4c55-9a57-0e6f1b2c3d4e",
            "bench-user-1",
            Set.of("user"),
            "5f0c2a9b-8e41-4d3a-b7c6-1a2b3c4d5e6f",
            "rotor-app",
            "profile");

    @Setup
    public void setUp() {
      issuer = IssuerFixture.issuer(algorithm, provider.equals("native"));
    }
  }

  /** A refresh token value as a client would present it. */
  @State(Scope.Benchmark)
  public static class Token {
    String value;

    @Setup
    public void setUp() {
      value = SecretTokens.mint();
    }
  }

  /** Argon2id at Rotor's defaults: m=19456 KiB, t=2, p=1 (at most 2 hashes at once). */
  @State(Scope.Benchmark)
  public static class Passwords {
    /** {@code native}: libargon2, as Rotor hashes; {@code bc}: Bouncy Castle, its fallback. */
    @Param({"native", "bc"})
    public String engine;

    Argon2idPasswordHash hash;
    final char[] password = "bench-passphrase-123".toCharArray();

    @Setup
    public void setUp() {
      hash = new Argon2idPasswordHash(19456, 2, 1, 2, engine.equals("native"));
      if (engine.equals("native") && !hash.engine().startsWith("libargon2")) {
        throw new IllegalStateException("libargon2 does not load here");
      }
    }
  }

  /** Claims, RS256 signature and compact serialisation of one access token (once per refresh). */
  @Benchmark
  public String signAccessToken(Signer signer) {
    return signer.issuer.issue(signer.subject, List.of(), Instant.now()).value();
  }

  /** SHA-256 of a presented refresh token: the database lookup key (once per refresh). */
  @Benchmark
  public String hashRefreshToken(Token token) {
    return SecretTokens.hash(token.value);
  }

  /** 256 random bits, base64url: a new refresh token (once per refresh and per login). */
  @Benchmark
  public String mintRefreshToken() {
    return SecretTokens.mint();
  }

  /** One Argon2id hash at the default parameters (once per login and per registration). */
  @Benchmark
  public String argon2idHash(Passwords passwords) {
    return passwords.hash.generate(passwords.password);
  }
}
