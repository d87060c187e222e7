package dev.rotor.sessions.control;

import dev.rotor.sessions.entity.Session;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;

/** A user's live sessions: not revoked, not expired, with a refresh token still usable. */
@ApplicationScoped
public class SessionListing {

  @PersistenceContext EntityManager em;

  @Inject Clock clock;

  public List<Session> liveOf(String userId) {
    return em.createNamedQuery(Session.LIVE_OF_USER, Session.class)
        .setParameter("userId", userId)
        .setParameter("now", clock.millis())
        .getResultList();
  }
}
