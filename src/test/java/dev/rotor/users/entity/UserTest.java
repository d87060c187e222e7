package dev.rotor.users.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserTest {

  @Test
  void usernamesCompareCaseInsensitivelyWhateverTheDefaultLocale() {
    assertThat(User.keyOf("ALICE")).isEqualTo(User.keyOf("alice")).isEqualTo("alice");
    assertThat(User.keyOf("TITLE")).as("no Turkish dotless i").isEqualTo("title");
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
}
