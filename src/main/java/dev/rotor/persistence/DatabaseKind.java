package dev.rotor.persistence;

import dev.rotor.configuration.DatabaseSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * The database Rotor runs on, decided once from {@code rotor.db.url} and injected where a statement
 * differs: PostgreSQL gets single-statement paths, anything else the portable JPA ones.
 */
public enum DatabaseKind {
  POSTGRESQL,
  /** The embedded default, and the portable path every other database takes. */
  H2;

  public static DatabaseKind of(DatabaseSettings settings) {
    return settings.isPostgres() ? POSTGRESQL : H2;
  }

  /** Produces the kind of the configured database. */
  @ApplicationScoped
  public static class Producer {

    @Produces
    DatabaseKind kind(DatabaseSettings settings) {
      return of(settings);
    }
  }
}
