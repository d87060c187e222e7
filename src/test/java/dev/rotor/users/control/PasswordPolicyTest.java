package dev.rotor.users.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

  @Test
  void eightToOneHundredTwentyEightCharactersAreAccepted() {
    assertThat(PasswordPolicy.violation("eight ch")).isEmpty();
    assertThat(PasswordPolicy.violation("x".repeat(128))).isEmpty();
  }

  @Test
  void shorterOrLongerPasswordsAreRefused() {
    assertThat(PasswordPolicy.violation("seven c")).contains("must be at least 8 characters");
    assertThat(PasswordPolicy.violation("x".repeat(129)))
        .contains("must be at most 128 characters");
  }

  @Test
  void lengthCountsCharactersNotUtf16Units() {
    String emoji = "\uD83D\uDD11"; // one code point, two chars
    assertThat(PasswordPolicy.violation(emoji.repeat(8))).isEmpty();
    assertThat(PasswordPolicy.violation(emoji.repeat(4))).isPresent();
  }

  @Test
  void commonPasswordsAreRefusedWhateverTheirCase() {
    assertThat(PasswordPolicy.violation("Password123"))
        .contains("is one of the most common passwords");
    assertThat(PasswordPolicy.violation("QWERTYUIOP")).isPresent();
  }
}
