package dev.rotor.users.control;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rotor.configuration.UserSettings;
import dev.rotor.persistence.DatabaseMigration;
import dev.rotor.security.CurrentRoles;
import dev.rotor.users.entity.User;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Reads an account's public profile with one SELECT by primary key and no persistence context:
 * {@code GET /users/me} is on every client's hot path, and the entity manager, its unit of work and
 * a managed copy of the user cost more than the query. Never reads the password hash. A profile is
 * kept for {@code rotor.users.profile-cache-ttl}: an admin's change on this node shows at once
 * (once committed), one made on another node within that time; the token itself lives far longer.
 */
@ApplicationScoped
public class Profiles implements CurrentRoles {

  private static final String SQL =
      "SELECT username, roles, enabled, created_at FROM rotor_user WHERE id = ?";

  /** What a user may see of their own account. */
  public record Profile(
      String id, String username, Set<String> roles, boolean enabled, Instant createdAt) {}

  @Resource(lookup = DatabaseMigration.DATA_SOURCE)
  DataSource dataSource;

  @Inject UserSettings settings;

  /** Null when the TTL is zero: every read goes to the database. */
  private Cache<String, Profile> cache;

  @PostConstruct
  void init() {
    if (!settings.profileCacheTtl().isZero()) {
      cache =
          Caffeine.newBuilder()
              .expireAfterWrite(settings.profileCacheTtl())
              .maximumSize(settings.profileCacheSize())
              .build();
    }
  }

  /** The profile of an existing user; unknown ids are never cached. */
  public Optional<Profile> byId(String userId) {
    return Optional.ofNullable(cache == null ? load(userId) : cache.get(userId, this::load));
  }

  @Override
  public boolean holds(String userId, String role) {
    return byId(userId).filter(Profile::enabled).filter(p -> p.roles().contains(role)).isPresent();
  }

  /** After the change's transaction ended (either way): a reader then sees the committed row. */
  void forget(@Observes(during = TransactionPhase.AFTER_COMPLETION) AccountChanged changed) {
    if (cache != null) {
      cache.invalidate(changed.userId());
    }
  }

  private Profile load(String userId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(SQL)) {
      statement.setString(1, userId);
      try (ResultSet row = statement.executeQuery()) {
        if (!row.next()) {
          return null;
        }
        return new Profile(
            userId,
            row.getString("username"),
            User.parseRoles(row.getString("roles")),
            row.getBoolean("enabled"),
            Instant.ofEpochMilli(row.getLong("created_at")));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading the profile of a user failed", e);
    }
  }
}
