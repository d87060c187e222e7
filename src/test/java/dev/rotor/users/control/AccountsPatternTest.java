package dev.rotor.users.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AccountsPatternTest {

  @Test
  void likeWildcardsInASearchAreMatchedLiterally() {
    assertThat(Accounts.pattern("a_b")).isEqualTo("%a\\_b%");
    assertThat(Accounts.pattern("50%")).isEqualTo("%50\\%%");
    assertThat(Accounts.pattern("back\\slash")).isEqualTo("%back\\\\slash%");
    assertThat(Accounts.pattern("Alice")).isEqualTo("%alice%");
    assertThat(Accounts.pattern(null)).isEqualTo("%%");
  }
}
