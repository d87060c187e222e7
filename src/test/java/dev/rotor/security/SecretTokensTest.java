package dev.rotor.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretTokensTest {

  @Test
  void aTokenCarries256RandomBitsInUrlSafeForm() {
    String token = SecretTokens.mint();

    assertThat(token).matches("[A-Za-z0-9_-]{43}");
    assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
  }

  @Test
  void tokensDoNotRepeat() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      assertThat(seen.add(SecretTokens.mint())).isTrue();
    }
  }

  @Test
  void theStoredHashIsTheSha256OfTheTokenNotTheToken() {
    String token = SecretTokens.mint();

    String hash = SecretTokens.hash(token);

    assertThat(hash).isEqualTo(SecretTokens.hash(token)).isNotEqualTo(token).hasSize(43);
    assertThat(SecretTokens.hash("abc"))
        .as("SHA-256 test vector of FIPS 180-2, base64url")
        .isEqualTo("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
  }
}
