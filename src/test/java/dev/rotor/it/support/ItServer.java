package dev.rotor.it.support;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the suite's Payara Micro is configured. Its port is fixed because the issuer, and so every
 * URL in the discovery metadata, must be the address clients really use.
 */
public final class ItServer {

  public static final int PORT = 18390;
  public static final String ISSUER = "http://127.0.0.1:" + PORT;

  /** A confidential OAuth client (a resource server, say) and a public one. */
  public static final String SERVICE = "it-service";

  public static final String SERVICE_SECRET = "it-service-secret";
  public static final String PUBLIC_CLIENT = "it-public";

  private ItServer() {}

  /**
   * The server the run's suite goes to ({@code -Drotor.it.server}, set by the failsafe execution):
   * {@code payara-micro}, {@code wildfly} or {@code payara-server}.
   */
  public static String kind() {
    return System.getProperty("rotor.it.server", "payara-micro");
  }

  /**
   * Whether the suite's server has MicroProfile Metrics: WildFly has none (Rotor then counts into
   * nothing, and deploys all the same).
   */
  public static boolean hasMetrics() {
    return !kind().equals("wildfly");
  }

  /** Rotor's settings for the suite's server, by configuration key. */
  static Map<String, String> settings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("rotor.issuer", ISSUER);
    settings.put("rotor.admin.username", Users.ADMIN);
    settings.put("rotor.admin.password", Users.ADMIN_PASSWORD);
    // Tests purge on demand; the timer stays out of their way.
    settings.put("rotor.purge.initial-delay", "PT1H");
    settings.put("rotor.purge.interval", "PT1H");
    settings.put("rotor.clients", SERVICE + "," + PUBLIC_CLIENT);
    settings.put("rotor.client." + SERVICE + ".secret", SERVICE_SECRET);
    settings.put("rotor.client." + SERVICE + ".scopes", "profile,email");
    settings.put("rotor.client." + PUBLIC_CLIENT + ".scopes", "profile,email");
    return settings;
  }

  /** The settings as JVM options. */
  static String jvmOptions() {
    StringBuilder options = new StringBuilder();
    settings().forEach((key, value) -> options.append(" -D").append(key).append('=').append(value));
    return options.toString().trim();
  }

  /** The settings as an operator sets them: environment variables (MicroProfile Config's names). */
  public static Map<String, String> environment() {
    Map<String, String> environment = new LinkedHashMap<>();
    settings().forEach((key, value) -> environment.put(environmentName(key), value));
    return environment;
  }

  /** {@code rotor.client.it-service.secret} is {@code ROTOR_CLIENT_IT_SERVICE_SECRET}. */
  static String environmentName(String key) {
    return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
  }
}
