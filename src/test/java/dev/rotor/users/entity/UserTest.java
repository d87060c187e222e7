package dev.rotor.users.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserTest {

  @Test
  void usernamesCompareCaseInsensitivelyEvenUnderATurkishDefaultLocale() {
    Locale previous = Locale.getDefault();
    Locale previousDisplay = Locale.getDefault(Locale.Category.DISPLAY);
    Locale previousFormat = Locale.getDefault(Locale.Category.FORMAT);
    Locale.setDefault(Locale.forLanguageTag("tr-TR"));
    try {
      assertThat("TITLE".toLowerCase())
          .as("the default locale really lowercases I to a dotless i")
          .isEqualTo("t\u0131tle");

      assertThat(User.keyOf("ALICE")).isEqualTo(User.keyOf("alice")).isEqualTo("alice");
      assertThat(User.keyOf("TITLE")).as("no Turkish dotless i").isEqualTo("title");
    } finally {
      Locale.setDefault(previous);
      Locale.setDefault(Locale.Category.DISPLAY, previousDisplay);
      Locale.setDefault(Locale.Category.FORMAT, previousFormat);
    }
  }

  @Test
  void aNewUserIsEnabledWithTheGivenRoles() {
    User user = new User("Alice", "hash", Set.of("user", "admin"), Instant.EPOCH);

    assertThat(user.isEnabled()).isTrue();
    assertThat(user.roles()).containsExactly("admin", "user");
    assertThat(user.username()).isEqualTo("Alice");
    assertThat(user.id()).hasSize(36);
  }

  @Test
  void aUserNeedsARole() {
    assertThatThrownBy(() -> new User("bob", "hash", Set.of(), Instant.EPOCH))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theCredentialVersionChangesWithThePasswordAndIsNotTheHash() {
    String hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA";
    User user = new User("carol", hash, Set.of("user"), Instant.EPOCH);
    String before = user.credentialVersion();

    assertThat(before).hasSize(43).doesNotContain("argon2").isNotEqualTo(hash);
    assertThat(new User("dave", hash, Set.of("user"), Instant.EPOCH).credentialVersion())
        .as("a digest of the hash alone")
        .isEqualTo(before);

    user.changePasswordHash("$argon2id$v=19$m=19456,t=2,p=1$bmV3c2FsdA$aGFzaA");
    assertThat(user.credentialVersion()).isNotEqualTo(before);
  }
}
