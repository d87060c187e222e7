package dev.rotor.problems;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConstraintViolationMapperTest {

  @Test
  void fieldsAreNamedAsTheClientSpellsThem() {
    assertThat(ConstraintViolationMapper.jsonName("refreshToken")).isEqualTo("refresh_token");
    assertThat(ConstraintViolationMapper.jsonName("newPassword")).isEqualTo("new_password");
    assertThat(ConstraintViolationMapper.jsonName("username")).isEqualTo("username");
  }
}
