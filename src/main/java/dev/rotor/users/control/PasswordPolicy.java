package dev.rotor.users.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * OWASP ASVS 5.0 password rules: 8 to 128 characters (counted as code points, anything printable
 * allowed), none of the most common passwords (the 10,000 most common leaked ones, plus a short
 * list of our own), and nothing that contains the context an attacker guesses first: the username
 * or the service's name. Every comparison ignores case.
 */
public final class PasswordPolicy {

  public static final int MIN_LENGTH = 8;
  public static final int MAX_LENGTH = 128;

  /** The service's own name, which an attacker tries first (a context-specific word). */
  static final String SERVICE_NAME = "rotor";

  private static final Set<String> COMMON =
      load("leaked-passwords-top-10000.txt", "common-passwords.txt");

  private PasswordPolicy() {}

  /**
   * Why the password is refused, or empty when it is acceptable; {@code username} is the account's
   * (null when there is none to compare with).
   */
  public static Optional<String> violation(String password, String username) {
    int length = password.codePointCount(0, password.length());
    if (length < MIN_LENGTH) {
      return Optional.of("must be at least " + MIN_LENGTH + " characters");
    }
    if (length > MAX_LENGTH) {
      return Optional.of("must be at most " + MAX_LENGTH + " characters");
    }
    String lower = password.toLowerCase(Locale.ROOT);
    if (COMMON.contains(lower)) {
      return Optional.of("is one of the most common passwords");
    }
    if (username != null
        && !username.isBlank()
        && lower.contains(username.toLowerCase(Locale.ROOT))) {
      return Optional.of("must not contain the username");
    }
    if (lower.contains(SERVICE_NAME)) {
      return Optional.of("must not contain \"" + SERVICE_NAME + "\"");
    }
    return Optional.empty();
  }

  /** How many distinct passwords the common lists hold (lower-cased). */
  static int commonCount() {
    return COMMON.size();
  }

  private static Set<String> load(String... resources) {
    Set<String> words = new HashSet<>();
    for (String resource : resources) {
      var in = PasswordPolicy.class.getResourceAsStream(resource);
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the build");
      }
      try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        reader
            .lines()
            .map(String::trim)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .map(l -> l.toLowerCase(Locale.ROOT))
            .forEach(words::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return Set.copyOf(words);
  }
}
