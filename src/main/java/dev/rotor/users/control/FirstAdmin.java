package dev.rotor.users.control;

import dev.rotor.audit.control.Origin;
import dev.rotor.security.Roles;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Creates the admin named by {@code rotor.admin.username} on first start, if absent. */
@Startup
@Singleton
@DependsOn("DatabaseMigration")
public class FirstAdmin {

  private static final System.Logger LOG = System.getLogger(FirstAdmin.class.getName());

  @Inject Accounts accounts;

  @Inject
  @ConfigProperty(name = "rotor.admin.username")
  Optional<String> username;

  @Inject
  @ConfigProperty(name = "rotor.admin.password")
  Optional<String> password;

  /** Outside a transaction: the password is hashed first, and only then stored. */
  @PostConstruct
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void createIfAbsent() {
    String name = username.filter(u -> !u.isBlank()).orElse(null);
    if (name == null || accounts.find(name).isPresent()) {
      return;
    }
    try {
      accounts.create(
          name, password.orElse(""), Set.of(Roles.ADMIN, Roles.USER), null, null, Origin.SERVER);
    } catch (dev.rotor.problems.ProblemException e) {
      throw new IllegalStateException("rotor.admin.username/rotor.admin.password: " + e.detail());
    }
    LOG.log(System.Logger.Level.INFO, "Created first admin {0}", name);
  }
}
