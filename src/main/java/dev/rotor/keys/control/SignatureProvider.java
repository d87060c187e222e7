package dev.rotor.keys.control;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.Provider;
import java.util.Optional;

/**
 * The native JCA provider that signs access tokens where it loads: Amazon Corretto Crypto Provider
 * (AWS-LC) signs RS256 about 2.8 times faster than the JDK 17 provider on the reference machine
 * (BENCHMARKS.md), and the signature is the largest single cost of a refresh. It ships for Linux
 * x86-64 only; anywhere else, or if its native library fails to load, the JDK's provider signs.
 */
public final class SignatureProvider {

  private static final System.Logger LOG = System.getLogger(SignatureProvider.class.getName());

  private SignatureProvider() {}

  /** The native provider, if it loaded and passed its own self-tests; never installed globally. */
  public static Optional<Provider> nativeProvider() {
    return Holder.NATIVE;
  }

  /** Loaded once, on first use, so that a missing native library costs one log line. */
  private static final class Holder {
    static final Optional<Provider> NATIVE = load();

    private static Optional<Provider> load() {
      try {
        AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
        Throwable error = accp.getLoadingError();
        if (error == null && accp.runSelfTests().name().equals("PASSED")) {
          return Optional.of(accp);
        }
        LOG.log(
            System.Logger.Level.INFO,
            "Native signing unavailable here ({0}); the JDK signs",
            error == null ? "self-tests failed" : error.toString());
      } catch (LinkageError e) {
        LOG.log(
            System.Logger.Level.INFO, "Native signing unavailable here ({0}); the JDK signs", e);
      }
      return Optional.empty();
    }
  }
}
