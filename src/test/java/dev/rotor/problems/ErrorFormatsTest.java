package dev.rotor.problems;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorFormatsTest {

  /** A component's format that claims the paths under {@code own/}. */
  private static final ErrorFormat OWN =
      new ErrorFormat() {
        @Override
        public boolean owns(String path) {
          return path.startsWith("own/");
        }

        @Override
        public ErrorAnswer render(Failure failure) {
          return new ErrorAnswer(failure.status(), "text/plain", Map.of(), "own");
        }
      };

  private final ErrorFormats formats = new ErrorFormats(List.of(OWN));

  @Test
  void aClaimedPathGetsItsComponentsFormatWithOrWithoutTheLeadingSlash() {
    assertThat(formats.of("own/thing")).isSameAs(OWN);
    assertThat(formats.of("/own/thing")).isSameAs(OWN);
    assertThat(formats.render("/own/thing", Failure.standard(404)).body()).isEqualTo("own");
  }

  @Test
  void everyOtherPathGetsProblemDetails() {
    assertThat(formats.of("auth/login")).isInstanceOf(ProblemFormat.class);
    assertThat(formats.of("/owner")).isInstanceOf(ProblemFormat.class);
    assertThat(formats.of("")).isInstanceOf(ProblemFormat.class);
    assertThat(formats.of(null)).isInstanceOf(ProblemFormat.class);
    assertThat(formats.render("auth/login", Failure.standard(404)).mediaType())
        .isEqualTo(ProblemFormat.MEDIA_TYPE);
  }

  @Test
  void withoutAComponentsFormatEveryPathGetsProblemDetails() {
    assertThat(new ErrorFormats().of("own/thing")).isInstanceOf(ProblemFormat.class);
  }
}
