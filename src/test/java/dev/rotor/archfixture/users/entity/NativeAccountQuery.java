package dev.rotor.archfixture.users.entity;

import jakarta.persistence.EntityManager;

/** Breaks "raw SQL only in persistence adapters": an entity running a native query. */
public class NativeAccountQuery {

  public Object first(EntityManager em) {
    return em.createNativeQuery("SELECT id FROM rotor_user").getSingleResult();
  }
}
