package dev.rotor.persistence;

import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.Session;

/**
 * What EclipseLink (Payara's JPA provider) cannot be told in persistence.xml: a read outside a
 * transaction that fails for a lost connection is not retried. EclipseLink's default retries it
 * three times, sleeping five seconds before each: a login during a database outage then held its
 * HTTP thread for up to fifteen seconds instead of answering 503 at once, and a login flood could
 * park every thread. The server's pool validates connections (DatabaseMigration), so a retry has
 * nothing to win: the client retries after {@code Retry-After} instead. Named in persistence.xml
 * ({@code eclipselink.session.customizer}); Hibernate (WildFly) never loads it.
 */
public class EclipseLinkSettings implements SessionCustomizer {

  @Override
  public void customize(Session session) {
    if (session.getDatasourceLogin() instanceof DatabaseLogin login) {
      login.setQueryRetryAttemptCount(0);
    }
  }
}
