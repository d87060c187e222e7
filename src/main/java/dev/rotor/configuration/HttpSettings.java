package dev.rotor.configuration;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The HTTP edge: the largest request body read, and the proxies whose {@code X-Forwarded-For} is
 * believed (none by default).
 */
public record HttpSettings(int maxBodyBytes, Set<String> trustedProxies) {

  public static HttpSettings read(ConfigReader config) {
    return new HttpSettings(
        config.positiveInt("rotor.http.max-body-bytes", 16384),
        config
            .optional("rotor.http.trusted-proxies")
            .map(
                list ->
                    Arrays.stream(list.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .collect(Collectors.toUnmodifiableSet()))
            .orElse(Set.of()));
  }
}
