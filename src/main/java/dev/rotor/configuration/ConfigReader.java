package dev.rotor.configuration;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;

/**
 * Reads keys with their defaults and collects every problem by key name, instead of failing on the
 * first; a key with a bad value reads as its default, and the problem stops start-up.
 */
public final class ConfigReader {

  private final Function<String, Optional<String>> lookup;
  private final List<String> problems = new ArrayList<>();

  public ConfigReader(Function<String, Optional<String>> lookup) {
    this.lookup = lookup;
  }

  public static ConfigReader of(Config config) {
    return new ConfigReader(key -> config.getOptionalValue(key, String.class));
  }

  /** Every problem found so far, one message per key, each starting with the key. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  public void problem(String key, String message) {
    problems.add(key + ": " + message);
  }

  public Optional<String> optional(String key) {
    return lookup.apply(key);
  }

  public String string(String key, String defaultValue) {
    return lookup.apply(key).orElse(defaultValue);
  }

  /** A duration that may be zero, never negative. */
  public Duration duration(String key, String defaultValue) {
    Duration value = parse(key, defaultValue);
    if (value.isNegative()) {
      problem(key, "must not be negative, got '" + lookup.apply(key).orElse("") + "'");
      return Duration.parse(defaultValue);
    }
    return value;
  }

  public Duration positiveDuration(String key, String defaultValue) {
    Duration value = parse(key, defaultValue);
    if (value.isNegative() || value.isZero()) {
      problem(key, "must be a positive duration, got '" + lookup.apply(key).orElse("") + "'");
      return Duration.parse(defaultValue);
    }
    return value;
  }

  private Duration parse(String key, String defaultValue) {
    Optional<String> raw = lookup.apply(key);
    if (raw.isEmpty()) {
      return Duration.parse(defaultValue);
    }
    try {
      return Duration.parse(raw.get().trim());
    } catch (DateTimeParseException e) {
      problem(key, "not an ISO-8601 duration such as PT5M or P14D: '" + raw.get() + "'");
      return Duration.parse(defaultValue);
    }
  }

  public int positiveInt(String key, int defaultValue) {
    int value = integer(key, defaultValue);
    if (value <= 0) {
      problem(key, "must be a positive integer, got '" + lookup.apply(key).orElse("") + "'");
      return defaultValue;
    }
    return value;
  }

  /** Zero or more, of at most six digits. */
  public int count(String key, int defaultValue, String zeroMeans) {
    Optional<String> raw = lookup.apply(key);
    if (raw.isPresent() && !raw.get().trim().matches("\\d{1,6}")) {
      problem(key, "must be 0 (= " + zeroMeans + ") or more, got '" + raw.get() + "'");
      return defaultValue;
    }
    return raw.map(v -> Integer.parseInt(v.trim())).orElse(defaultValue);
  }

  private int integer(String key, int defaultValue) {
    Optional<String> raw = lookup.apply(key);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(raw.get().trim());
    } catch (NumberFormatException e) {
      problem(key, "not an integer: '" + raw.get() + "'");
      return defaultValue;
    }
  }

  public boolean bool(String key, boolean defaultValue) {
    Optional<String> raw = lookup.apply(key);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    if (!raw.get().equalsIgnoreCase("true") && !raw.get().equalsIgnoreCase("false")) {
      problem(key, "must be true or false, got '" + raw.get() + "'");
      return defaultValue;
    }
    return Boolean.parseBoolean(raw.get());
  }

  /** An absolute http(s) URL. */
  public String url(String key, String defaultValue) {
    String value = string(key, defaultValue);
    try {
      URI uri = new URI(value);
      if (!uri.isAbsolute() || uri.getHost() == null) {
        problem(key, "must be an absolute http(s) URL, got '" + value + "'");
        return defaultValue;
      }
    } catch (URISyntaxException e) {
      problem(key, "not a URL: '" + value + "'");
      return defaultValue;
    }
    return value;
  }
}
