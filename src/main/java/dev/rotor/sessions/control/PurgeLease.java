package dev.rotor.sessions.control;

import dev.rotor.persistence.NamedLock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * A lease row in the database decides which node of a cluster purges: taken by one conditional
 * UPDATE, so of nodes whose timers fire together exactly one wins; a node that dies loses it when
 * it expires.
 */
@ApplicationScoped
public class PurgeLease {

  /** This node, as the lease's holder column shows it. */
  static final String NODE =
      ManagementFactory.getRuntimeMXBean().getName()
          + "/"
          + UUID.randomUUID().toString().substring(0, 8);

  @PersistenceContext EntityManager em;

  @Inject Clock clock;

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public boolean tryAcquire(Duration length) {
    long now = clock.millis();
    return em.createNamedQuery(NamedLock.ACQUIRE)
            .setParameter("name", NamedLock.PURGE)
            .setParameter("holder", NODE)
            .setParameter("now", now)
            .setParameter("until", now + length.toMillis())
            .executeUpdate()
        == 1;
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void release() {
    em.createNamedQuery(NamedLock.RELEASE)
        .setParameter("name", NamedLock.PURGE)
        .setParameter("holder", NODE)
        .executeUpdate();
  }
}
