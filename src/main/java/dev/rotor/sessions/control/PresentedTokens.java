package dev.rotor.sessions.control;

import dev.rotor.sessions.entity.RefreshToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/** Finds the stored refresh token (with its session and user) for a value a client presents. */
@ApplicationScoped
public class PresentedTokens {

  @PersistenceContext EntityManager em;

  public Optional<RefreshToken> find(String presented) {
    return em.createNamedQuery(RefreshToken.BY_HASH, RefreshToken.class)
        .setParameter("hash", RefreshTokenMint.hash(presented))
        .getResultStream()
        .findFirst();
  }
}
