package dev.rotor.persistence;

import dev.rotor.configuration.DatabaseSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Brings the schema to the newest version before any other start-up work touches it. */
@DataSourceDefinition(
    name = DatabaseMigration.DATA_SOURCE,
    className = "dev.rotor.persistence.ConfiguredDataSource",
    // Sized for a 2-core node: more connections than cores only queue inside the database.
    initialPoolSize = 2,
    minPoolSize = 2,
    maxPoolSize = 24,
    properties = {
      // WildFly's IronJacamar refuses a definition without any connection property (IJ031103);
      // this one is JDBC's standard "description", which ConfiguredDataSource keeps.
      "description=Rotor: rotor.db.* through MicroProfile Config",
      // Payara (Micro and Server): check a connection as it leaves the pool (JDBC 4's
      // Connection.isValid, an empty query), at most once a second per connection, so that the
      // check costs next to nothing under load; when one is dead (the database restarted or
      // failed over), close every pooled connection. A connection that dies within that second
      // fails one request and is then replaced (RecoveringConnection). Other servers ignore these
      // names (WildFly logs WFLYJCA0016 for each: no such setter on ConfiguredDataSource).
      "fish.payara.is-connection-validation-required=true",
      "fish.payara.connection-validation-method=custom-validation",
      "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation",
      "fish.payara.validate-atmost-once-period-in-seconds=1",
      "fish.payara.fail-all-connections=true"
    })
@Startup
@Singleton
@DependsOn("ConfigurationCheck")
// Flyway commits each migration itself; a container transaction around it would fight that.
@TransactionManagement(TransactionManagementType.BEAN)
public class DatabaseMigration {

  public static final String DATA_SOURCE = "java:app/jdbc/rotor";
  private static final System.Logger LOG = System.getLogger(DatabaseMigration.class.getName());

  @Resource(lookup = DATA_SOURCE)
  DataSource dataSource;

  @Inject DatabaseSettings settings;

  /**
   * Migrations that only one database understands (storage parameters, constraint names), next to
   * the portable ones in {@code db/migration}: {@code db/postgresql} or {@code db/h2}. A version
   * number is used once across all three folders; a database whose folder lacks it skips it.
   */
  static String vendorLocation(DatabaseKind kind) {
    return "classpath:db/" + kind.name().toLowerCase(java.util.Locale.ROOT);
  }

  @PostConstruct
  void migrate() {
    var result =
        Flyway.configure(DatabaseMigration.class.getClassLoader())
            .dataSource(dataSource)
            .locations("classpath:db/migration", vendorLocation(DatabaseKind.of(settings)))
            .load()
            .migrate();
    LOG.log(
        System.Logger.Level.INFO,
        "Rotor database: {0}, schema version {1} ({2} migrations applied now)",
        ConfiguredDataSource.describe(settings),
        result.targetSchemaVersion,
        result.migrationsExecuted);
  }
}
