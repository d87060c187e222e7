package dev.rotor.keys.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyRingTest {

  final Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
  final Duration tokens = Duration.ofMinutes(6);
  final KeyRing.Key first = key(t0);
  final KeyRing.Key second = key(t0.plus(Duration.ofDays(30)));
  final KeyRing ring = new KeyRing(List.of(second, first), tokens);

  static KeyRing.Key key(Instant activatesAt) {
    return KeyRing.Key.of(SigningKeys.generateJwk(JWSAlgorithm.RS256), activatesAt);
  }

  List<String> published(Instant at) {
    return ring.published(at).getKeys().stream().map(JWK::getKeyID).toList();
  }

  @Test
  void theNextKeyIsPublishedBeforeItSigns() {
    Instant before = second.activatesAt().minusSeconds(1);

    assertThat(ring.signing(before)).isEqualTo(first);
    assertThat(ring.upcoming(before)).isEqualTo(second);
    assertThat(published(before)).containsExactlyInAnyOrder(first.kid(), second.kid());
  }

  @Test
  void theOldKeyStaysPublishedUntilItsLastTokensHaveExpired() {
    Instant switched = second.activatesAt();

    assertThat(ring.signing(switched)).isEqualTo(second);
    assertThat(published(switched.plus(tokens).minusMillis(1)))
        .containsExactlyInAnyOrder(first.kid(), second.kid());
    assertThat(published(switched.plus(tokens))).containsExactly(second.kid());
  }

  @Test
  void publishedKeysArePublicOnly() {
    assertThat(ring.published(t0).getKeys()).allSatisfy(k -> assertThat(k.isPrivate()).isFalse());
  }

  @Test
  void withOneKeyThatKeySignsAndIsPublished() {
    KeyRing single = new KeyRing(List.of(first), tokens);

    assertThat(single.signing(t0.minusSeconds(60))).isEqualTo(first);
    assertThat(single.upcoming(t0)).isNull();
    assertThat(single.published(t0.plus(Duration.ofDays(400))).getKeys()).hasSize(1);
  }
}
