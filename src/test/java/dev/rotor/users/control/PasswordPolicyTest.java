package dev.rotor.users.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.it.support.Users;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

  @Test
  void eightToOneHundredTwentyEightCharactersAreAccepted() {
    assertThat(PasswordPolicy.violation("eight ch", "alice")).isEmpty();
    assertThat(PasswordPolicy.violation("x".repeat(128), "alice")).isEmpty();
  }

  @Test
  void shorterOrLongerPasswordsAreRefused() {
    assertThat(PasswordPolicy.violation("seven c", "alice"))
        .contains("must be at least 8 characters");
    assertThat(PasswordPolicy.violation("x".repeat(129), "alice"))
        .contains("must be at most 128 characters");
  }

  @Test
  void lengthCountsCharactersNotUtf16Units() {
    String emoji = "\uD83D\uDD11"; // one code point, two chars
    assertThat(PasswordPolicy.violation(emoji.repeat(8), "alice")).isEmpty();
    assertThat(PasswordPolicy.violation(emoji.repeat(4), "alice")).isPresent();
  }

  @Test
  void commonPasswordsAreRefusedWhateverTheirCase() {
    assertThat(PasswordPolicy.violation("Password123", "alice"))
        .contains("is one of the most common passwords");
    assertThat(PasswordPolicy.violation("QWERTYUIOP", "alice")).isPresent();
  }

  @Test
  void everyOneOfTheTenThousandMostCommonLeakedPasswordsIsRefused() throws IOException {
    List<String> leaked = lines("leaked-passwords-top-10000.txt");
    assertThat(leaked).hasSize(10_000).startsWith("123456", "password", "12345678");

    for (String password : leaked) {
      if (password.codePointCount(0, password.length()) >= PasswordPolicy.MIN_LENGTH) {
        assertThat(PasswordPolicy.violation(password.toUpperCase(Locale.ROOT), null))
            .as(password)
            .contains("is one of the most common passwords");
      }
    }
    assertThat(PasswordPolicy.violation("Cardinals", null))
        .as("rank 9,994 of 10,000")
        .contains("is one of the most common passwords");
    assertThat(PasswordPolicy.commonCount()).isGreaterThan(9_900);
  }

  @Test
  void aPasswordContainingTheUsernameIsRefusedWhateverTheCase() {
    assertThat(PasswordPolicy.violation("alice-in-chains", "alice"))
        .contains("must not contain the username");
    assertThat(PasswordPolicy.violation("my name is ALICE!", "Alice"))
        .contains("must not contain the username");
    assertThat(PasswordPolicy.violation("suite-admin-passphrase", "suite-admin"))
        .contains("must not contain the username");
    assertThat(PasswordPolicy.violation("Alice.Smith", "alice.smith"))
        .contains("must not contain the username");
    assertThat(PasswordPolicy.violation("bob's quiet garden", "alice")).isEmpty();
    assertThat(PasswordPolicy.violation("bob's quiet garden", null)).isEmpty();
  }

  @Test
  void aPasswordContainingTheServiceNameIsRefusedWhateverTheCase() {
    assertThat(PasswordPolicy.violation("rotor-password", "alice"))
        .contains("must not contain \"rotor\"");
    assertThat(PasswordPolicy.violation("my ROTOR login", "alice"))
        .contains("must not contain \"rotor\"");
    assertThat(PasswordPolicy.violation("Rotor2026!", null)).isPresent();
  }

  @Test
  void theSuitesOwnPasswordsPassThePolicy() {
    assertThat(PasswordPolicy.violation(Users.PASSWORD, Users.unique("alice"))).isEmpty();
    assertThat(PasswordPolicy.violation(Users.ADMIN_PASSWORD, Users.ADMIN)).isEmpty();
  }

  private static List<String> lines(String resource) throws IOException {
    try (var reader =
        new BufferedReader(
            new InputStreamReader(
                PasswordPolicy.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
      return reader.lines().filter(l -> !l.startsWith("#")).toList();
    }
  }
}
