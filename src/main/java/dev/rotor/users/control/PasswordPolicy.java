package dev.rotor.users.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * OWASP ASVS 5.0 password rules: 8 to 128 characters (counted as code points, anything printable
 * allowed), and none of the most common passwords.
 */
public final class PasswordPolicy {

  public static final int MIN_LENGTH = 8;
  public static final int MAX_LENGTH = 128;
  private static final Set<String> COMMON = load();

  private PasswordPolicy() {}

  /** Why the password is refused, or empty when it is acceptable. */
  public static Optional<String> violation(String password) {
    int length = password.codePointCount(0, password.length());
    if (length < MIN_LENGTH) {
      return Optional.of("must be at least " + MIN_LENGTH + " characters");
    }
    if (length > MAX_LENGTH) {
      return Optional.of("must be at most " + MAX_LENGTH + " characters");
    }
    if (COMMON.contains(password.toLowerCase(Locale.ROOT))) {
      return Optional.of("is one of the most common passwords");
    }
    return Optional.empty();
  }

  private static Set<String> load() {
    var in = PasswordPolicy.class.getResourceAsStream("common-passwords.txt");
    if (in == null) {
      throw new IllegalStateException("common-passwords.txt is missing from the build");
    }
    try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return reader
          .lines()
          .map(String::trim)
          .filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .map(l -> l.toLowerCase(Locale.ROOT))
          .collect(Collectors.toUnmodifiableSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
