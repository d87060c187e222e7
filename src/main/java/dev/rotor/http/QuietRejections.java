package dev.rotor.http;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Installs {@link OneLineRejections} on the server loggers that log a client's rejected credential
 * with a stack trace, for as long as the WAR is deployed. In the WAR, not in server configuration,
 * so that every deployment gets it on every server without an operator's edit; only logger names
 * are named, so no server class is needed on the class path.
 */
@WebListener
public class QuietRejections implements ServletContextListener {

  /** How often one cause is logged at most. */
  static final Duration INTERVAL = Duration.ofMinutes(1);

  /**
   * Distinct causes counted on their own, per logger; the rest share one line. Payara has about
   * fifteen messages; some quote the token's header (its {@code alg}), so a client can invent
   * causes, and this bounds what it gets for them: 33 lines a minute.
   */
  static final int MAX_CAUSES = 32;

  /**
   * A server logger that logs client errors with their stack trace: which of its records are such
   * errors (those whose message contains {@code messageContains}; null: every record with an
   * exception), and what the line says was rejected.
   */
  record Guarded(String logger, String messageContains, String what) {}

  static final List<Guarded> LOGGERS =
      List.of(
          // Payara (Micro and Server): INFO "Exception trying to parse JWT token." and the stack
          // trace, for every bearer token that fails to parse or verify; it logs nothing else.
          new Guarded(
              "fish.payara.microprofile.jwtauth.eesecurity.SignedJWTIdentityStore",
              null,
              "Rejected a bearer token"),
          // RESTEasy (WildFly): WARN "RESTEASY002130: Failed to parse request." and the stack
          // trace, for a header it cannot parse (a Content-Type that is no media type). The same
          // logger carries all of RESTEasy's messages, and the others stay as they are.
          new Guarded(
              "org.jboss.resteasy.resteasy_jaxrs.i18n", "RESTEASY002130", "Rejected a request"));

  @Inject Clock clock;

  // Held here: java.util.logging keeps loggers weakly, and one that is collected before the
  // server's class asks for it would come back without the filter.
  private final List<Installed> installed = new ArrayList<>();

  private record Installed(Logger logger, OneLineRejections filter) {}

  @Override
  public void contextInitialized(ServletContextEvent event) {
    for (Guarded guarded : LOGGERS) {
      Logger logger = Logger.getLogger(guarded.logger());
      OneLineRejections filter =
          new OneLineRejections(
              guarded.what(),
              guarded.messageContains(),
              new LogRateLimit(clock, INTERVAL, MAX_CAUSES),
              logger.getFilter());
      logger.setFilter(filter);
      installed.add(new Installed(logger, filter));
    }
  }

  /** The server's loggers outlive the WAR: they must not keep its classes. */
  @Override
  public void contextDestroyed(ServletContextEvent event) {
    for (Installed each : installed) {
      if (each.logger().getFilter() == each.filter()) {
        each.logger().setFilter(each.filter().previous());
      }
    }
    installed.clear();
  }
}
