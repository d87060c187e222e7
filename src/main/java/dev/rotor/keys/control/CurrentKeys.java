package dev.rotor.keys.control;

import com.nimbusds.jose.jwk.JWKSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;

/**
 * The key ring in force on this node and the JWK Set it publishes, read by every signature and
 * every JWK Set request without a call into the EJB container; {@link SigningKeys} replaces both
 * whenever it loads the stored keys.
 */
@ApplicationScoped
public class CurrentKeys {

  /** One immutable pair, swapped as a whole: a reader never sees a ring with another's JSON. */
  private record Snapshot(KeyRing ring, String publishedJson) {}

  @Inject Clock clock;

  private volatile Snapshot current;

  public CurrentKeys() {}

  /** Over a given ring, without a container. */
  CurrentKeys(KeyRing ring, Clock clock) {
    this.clock = clock;
    replace(ring);
  }

  void replace(KeyRing ring) {
    current = new Snapshot(ring, ring.published(clock.instant()).toString(true));
  }

  private Snapshot current() {
    Snapshot snapshot = current;
    if (snapshot == null) {
      throw new IllegalStateException("the signing keys are not loaded yet");
    }
    return snapshot;
  }

  /** The key that signs now. */
  public KeyRing.Key signing() {
    return current().ring().signing(clock.instant());
  }

  public KeyRing.Key signing(Instant now) {
    return current().ring().signing(now);
  }

  /** The published keys as of the last load (at most a minute ago, and at every rotation). */
  public JWKSet published() {
    return current().ring().published(clock.instant());
  }

  /** {@link #published()} as the JSON the JWK Set endpoint and the verifier's file serve. */
  public String publishedJson() {
    return current().publishedJson();
  }
}
