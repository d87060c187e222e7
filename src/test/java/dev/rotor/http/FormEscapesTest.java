package dev.rotor.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FormEscapesTest {

  private static boolean wellFormed(String form, Charset charset) {
    return FormEscapes.isWellFormed(form.getBytes(StandardCharsets.ISO_8859_1), charset);
  }

  @Test
  void aPercentNotFollowedByTwoHexDigitsIsMalformed() {
    for (String form : new String[] {"%", "a=%", "a=%4", "a=%GZ", "a=b&%zz=1", "token=%ZZ"}) {
      assertThat(wellFormed(form, StandardCharsets.UTF_8)).as(form).isFalse();
    }
  }

  @Test
  void escapesOrBytesThatAreNotTextInTheFormsCharsetAreMalformed() {
    for (String form : new String[] {"a=%FF", "a=%C3%28", "a=%E2%82", "a=\u00ff"}) {
      assertThat(wellFormed(form, StandardCharsets.UTF_8)).as(form).isFalse();
    }
    assertThat(wellFormed("a=%FF", StandardCharsets.ISO_8859_1)).isTrue();
  }

  @Test
  void aNulEscapedOrNotIsRefused() {
    for (String form : new String[] {"token=a%00b", "a=\u0000", "%00=x"}) {
      assertThat(wellFormed(form, StandardCharsets.UTF_8)).as(form).isFalse();
    }
    assertThat(wellFormed("token=%2500", StandardCharsets.UTF_8)).as("the text %00").isTrue();
  }

  @Test
  void wellFormedFormsPass() {
    for (String form :
        new String[] {"", "a=b", "a=%25", "a=%C3%A9&b=%2f", "%41", "a=b+c&d=", "grant_type=x"}) {
      assertThat(wellFormed(form, StandardCharsets.UTF_8)).as(form).isTrue();
    }
  }
}
