package dev.rotor.it.support;

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

  /** Rotor's settings for the suite's server, as JVM options. */
  static String jvmOptions() {
    return String.join(
        " ",
        "-Drotor.issuer=" + ISSUER,
        "-Drotor.admin.username=" + Users.ADMIN,
        "-Drotor.admin.password=" + Users.ADMIN_PASSWORD,
        // Tests purge on demand; the timer stays out of their way.
        "-Drotor.purge.initial-delay=PT1H",
        "-Drotor.purge.interval=PT1H",
        "-Drotor.clients=" + SERVICE + "," + PUBLIC_CLIENT,
        "-Drotor.client." + SERVICE + ".secret=" + SERVICE_SECRET,
        "-Drotor.client." + SERVICE + ".scopes=profile,email",
        "-Drotor.client." + PUBLIC_CLIENT + ".scopes=profile,email");
  }
}
