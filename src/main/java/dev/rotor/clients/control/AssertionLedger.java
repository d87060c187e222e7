package dev.rotor.clients.control;

import dev.rotor.clients.entity.UsedAssertion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * The client assertions accepted, shared by every node through the database: one row per client and
 * {@code jti}, so that a second use, on any node, is a duplicate key.
 */
@ApplicationScoped
public class AssertionLedger {

  private static final String COUNT =
      "SELECT COUNT(a) FROM UsedAssertion a WHERE a.clientId = :client AND a.jtiHash = :jti";

  @PersistenceContext EntityManager em;

  /**
   * Records the assertion in a transaction of its own, committed before the request goes on; a
   * {@code jakarta.persistence.PersistenceException} (or a {@code TransactionalException}) when the
   * row could not be written, which {@link #isRecorded} then tells a replay from an outage by.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void record(String clientId, String jtiHash, Instant expiresAt) {
    em.persist(new UsedAssertion(clientId, jtiHash, expiresAt));
    em.flush();
  }

  public boolean isRecorded(String clientId, String jtiHash) {
    return em.createQuery(COUNT, Long.class)
            .setParameter("client", clientId)
            .setParameter("jti", jtiHash)
            .getSingleResult()
        > 0;
  }
}
