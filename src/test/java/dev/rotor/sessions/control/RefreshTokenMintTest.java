package dev.rotor.sessions.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RefreshTokenMintTest {

  @Test
  void aTokenCarries256RandomBitsInUrlSafeForm() {
    String token = RefreshTokenMint.mint();

    assertThat(token).matches("[A-Za-z0-9_-]{43}");
    assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
  }

  @Test
  void tokensDoNotRepeat() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      assertThat(seen.add(RefreshTokenMint.mint())).isTrue();
    }
  }

  @Test
  void theStoredHashIsTheSha256OfTheTokenNotTheToken() {
    String token = RefreshTokenMint.mint();

    String hash = RefreshTokenMint.hash(token);

    assertThat(hash).isEqualTo(RefreshTokenMint.hash(token)).isNotEqualTo(token).hasSize(43);
    assertThat(RefreshTokenMint.hash("abc"))
        .as("SHA-256 test vector of FIPS 180-2, base64url")
        .isEqualTo("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
  }
}
