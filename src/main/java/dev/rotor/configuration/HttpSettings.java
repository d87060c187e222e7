package dev.rotor.configuration;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The HTTP edge: the largest request body read, the proxies whose {@code X-Forwarded-For} is
 * believed (none by default), and whether {@code /metrics} and {@code /openapi} answer anyone
 * (closed by default).
 */
public record HttpSettings(
    int maxBodyBytes, Set<String> trustedProxies, boolean publicMetrics, boolean publicOpenApi) {

  public static final String PUBLIC_METRICS = "rotor.http.public-metrics";
  public static final String PUBLIC_OPENAPI = "rotor.http.public-openapi";

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
            .orElse(Set.of()),
        config.bool(PUBLIC_METRICS, false),
        config.bool(PUBLIC_OPENAPI, false));
  }
}
