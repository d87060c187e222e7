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

  /**
   * The one proxy the suite's server trusts: a loopback address the tests connect from only when
   * they play the proxy (RawHttp.suiteFrom); every other test connects from 127.0.0.1.
   */
  public static final String TRUSTED_PROXY = "127.0.0.2";

  /**
   * First-party OAuth clients that log users in with their password (/auth/login), a confidential
   * one (a company's own backend, say) and a public one (its mobile app); neither signs in through
   * the browser. A third party may not use the password login (PARTNER tries).
   */
  public static final String SERVICE = "it-service";

  public static final String SERVICE_SECRET = "it-service-secret";
  public static final String PUBLIC_CLIENT = "it-public";

  /**
   * A resource server (the orders service): confidential, and allowed to introspect every token
   * ({@code introspect-any}); other clients see only their own.
   */
  public static final String ORDERS_SERVICE = "it-orders";

  public static final String ORDERS_SERVICE_SECRET = "it-orders-secret";

  /**
   * A first-party public app whose access tokens are for the orders service alone ({@code
   * audiences=orders}): Rotor's own endpoints must refuse them.
   */
  public static final String ORDERS_APP = "it-orders-app";

  public static final String ORDERS_AUDIENCE = "orders";

  /** Browser clients (single sign-on): a first-party single-page app (public, PKCE). */
  public static final String SPA = "it-spa";

  public static final String SPA_REDIRECT = "https://spa.example.test/callback";

  /** Names without spaces: the settings also travel as space-separated JVM options. */
  public static final String SPA_NAME = "Single-Page-App";

  /** A first-party confidential web app. */
  public static final String PORTAL = "it-portal";

  public static final String PORTAL_SECRET = "it-portal-secret";
  public static final String PORTAL_REDIRECT = "https://portal.example.test/callback";
  public static final String PORTAL_LOGGED_OUT = "https://portal.example.test/signed-out";

  /** A third-party public client: consent is asked. */
  public static final String PARTNER = "it-partner";

  public static final String PARTNER_NAME = "Partner-Reports";
  public static final String PARTNER_REDIRECT = "https://partner.example.test/callback";

  /**
   * The relying party of RelyingPartyIT: a Jakarta Security OpenID client (confidential, no PKCE, a
   * nonce) on its own Payara Micro at {@link #RP_PORT}.
   */
  public static final String RP = "it-rp";

  public static final String RP_SECRET = "it-rp-secret";
  public static final int RP_PORT = 18395;
  public static final String RP_REDIRECT = "http://127.0.0.1:" + RP_PORT + "/rp/callback";

  /**
   * Password checks a minute per address: every test runs from 127.0.0.1, so the suite's budget is
   * above what all tests together spend in a minute; ThrottleIT spends the rest of it.
   */
  public static final int ADDRESS_CHECKS_PER_MINUTE = 600;

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
    settings.put("rotor.http.trusted-proxies", TRUSTED_PROXY);
    // Tests purge on demand; the timer stays out of their way.
    settings.put("rotor.purge.initial-delay", "PT1H");
    settings.put("rotor.purge.interval", "PT1H");
    settings.put("rotor.throttle.address.per-minute", String.valueOf(ADDRESS_CHECKS_PER_MINUTE));
    // Dynamic client registration is off by default; the suite tests it on (the off default has
    // its unit tests).
    settings.put("rotor.clients.registration", "initial-access-token");
    settings.put(
        "rotor.clients",
        String.join(
            ",", SERVICE, PUBLIC_CLIENT, ORDERS_SERVICE, ORDERS_APP, SPA, PORTAL, PARTNER, RP));
    settings.put("rotor.client." + SERVICE + ".secret", SERVICE_SECRET);
    settings.put("rotor.client." + SERVICE + ".scopes", "profile,email");
    settings.put("rotor.client." + SERVICE + ".first-party", "true");
    settings.put("rotor.client." + PUBLIC_CLIENT + ".scopes", "profile,email");
    settings.put("rotor.client." + PUBLIC_CLIENT + ".first-party", "true");
    settings.put("rotor.client." + ORDERS_SERVICE + ".secret", ORDERS_SERVICE_SECRET);
    settings.put("rotor.client." + ORDERS_SERVICE + ".introspect-any", "true");
    settings.put("rotor.client." + ORDERS_APP + ".first-party", "true");
    settings.put("rotor.client." + ORDERS_APP + ".audiences", ORDERS_AUDIENCE);
    settings.put("rotor.client." + SPA + ".redirect-uris", SPA_REDIRECT);
    settings.put("rotor.client." + SPA + ".scopes", "openid,profile");
    settings.put("rotor.client." + SPA + ".first-party", "true");
    settings.put("rotor.client." + SPA + ".name", SPA_NAME);
    settings.put("rotor.client." + PORTAL + ".secret", PORTAL_SECRET);
    settings.put("rotor.client." + PORTAL + ".redirect-uris", PORTAL_REDIRECT);
    settings.put("rotor.client." + PORTAL + ".post-logout-redirect-uris", PORTAL_LOGGED_OUT);
    settings.put("rotor.client." + PORTAL + ".scopes", "openid,profile");
    settings.put("rotor.client." + PORTAL + ".first-party", "true");
    settings.put("rotor.client." + PORTAL + ".name", "Portal");
    settings.put("rotor.client." + PARTNER + ".redirect-uris", PARTNER_REDIRECT);
    settings.put("rotor.client." + PARTNER + ".scopes", "openid,profile");
    settings.put("rotor.client." + PARTNER + ".name", PARTNER_NAME);
    settings.put("rotor.client." + RP + ".secret", RP_SECRET);
    settings.put("rotor.client." + RP + ".redirect-uris", RP_REDIRECT);
    settings.put("rotor.client." + RP + ".scopes", "openid,profile,email");
    settings.put("rotor.client." + RP + ".first-party", "true");
    settings.put("rotor.client." + RP + ".require-pkce", "false");
    settings.put("rotor.client." + RP + ".name", "Relying-Party");
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
