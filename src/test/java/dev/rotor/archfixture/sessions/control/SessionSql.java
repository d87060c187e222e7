package dev.rotor.archfixture.sessions.control;

import jakarta.persistence.EntityManager;

/** A persistence adapter in its component's control layer: native SQL is allowed here. */
public class SessionSql {

  public int end(EntityManager em) {
    return em.createNativeQuery("UPDATE rotor_session SET revoked_at = 0").executeUpdate();
  }
}
