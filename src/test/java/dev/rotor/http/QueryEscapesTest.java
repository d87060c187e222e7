package dev.rotor.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryEscapesTest {

  @Test
  void aPercentNotFollowedByTwoHexDigitsIsMalformed() {
    for (String query :
        new String[] {"%", "a=%", "a=%4", "a=%GZ", "a=b&%zz=1", "a=%2", "q=a%00b", "%00=1"}) {
      assertThat(QueryEscapes.isMalformed(query)).as(query).isTrue();
    }
  }

  @Test
  void wellFormedQueriesPass() {
    for (String query :
        new String[] {null, "", "a=b", "a=%25", "a=%C3%A9&b=%2f", "%41", "q=%2500", "a=00"}) {
      assertThat(QueryEscapes.isMalformed(query)).as(query).isFalse();
    }
  }
}
