package dev.rotor.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The database an integration-test run uses ({@code -Drotor.it.db=h2|postgresql}, set by the
 * failsafe execution): where it is, how a server is pointed at it, and a clean slate per run.
 */
public final class ItDatabase {

  /** Schema (PostgreSQL) or folder (H2) of the Arquillian-managed server. */
  public static final String SUITE = "rotor_it";

  /** Schema or folder of the servers that the restart test starts and stops itself. */
  public static final String RESTART = "rotor_it_restart";

  /** Schema of the server that the database fault test reaches through its TCP proxy. */
  public static final String FAULTS = "rotor_it_faults";

  private static Boolean postgresReachable;

  private ItDatabase() {}

  public static String kind() {
    return System.getProperty("rotor.it.db", "h2");
  }

  public static boolean isPostgres() {
    return "postgresql".equals(kind());
  }

  static String pgUrl() {
    return System.getProperty("rotor.it.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
  }

  static String pgUser() {
    return System.getProperty("rotor.it.pg.user", "postgres");
  }

  static String pgPassword() {
    return System.getProperty("rotor.it.pg.password", "");
  }

  public static Path dataDir(String name) {
    return Path.of(System.getProperty("rotor.it.dataDir", "target/it-data/" + kind()))
        .toAbsolutePath()
        .resolve(name);
  }

  /** Rotor's settings for a server on the given schema or folder, as environment variables. */
  public static Map<String, String> serverEnvironment(String name) {
    Map<String, String> env = new LinkedHashMap<>();
    if (isPostgres()) {
      env.put("ROTOR_DB_URL", pgUrl() + "?currentSchema=" + name);
      env.put("ROTOR_DB_USER", pgUser());
      env.put("ROTOR_DB_PASSWORD", pgPassword());
    } else {
      env.put("ROTOR_DATA_DIR", dataDir(name).toString());
    }
    return env;
  }

  /**
   * Rotor's settings for a PostgreSQL server on the given schema, reached through a relay on
   * 127.0.0.1 at the given port instead of directly.
   */
  public static Map<String, String> serverEnvironmentThrough(String name, int relayPort) {
    Map<String, String> env = serverEnvironment(name);
    URI database = URI.create(pgUrl().substring("jdbc:".length()));
    String direct = database.getHost() + (database.getPort() < 0 ? "" : ":" + database.getPort());
    env.put(
        "ROTOR_DB_URL",
        env.get("ROTOR_DB_URL").replace("//" + direct + "/", "//127.0.0.1:" + relayPort + "/"));
    return env;
  }

  /** Host and port of the run's PostgreSQL (5432 when the URL names none). */
  public static InetSocketAddress pgAddress() {
    URI database = URI.create(pgUrl().substring("jdbc:".length()));
    return InetSocketAddress.createUnresolved(
        database.getHost(), database.getPort() < 0 ? 5432 : database.getPort());
  }

  /**
   * The same settings as JVM options, for the Arquillian container's {@code cmdOptions}, plus the
   * first admin, and a purge timer that stays out of the way: tests purge on demand.
   */
  static String serverJvmOptions(String name) {
    StringBuilder options = new StringBuilder(ItServer.jvmOptions() + " ");
    serverEnvironment(name)
        .forEach(
            (key, value) -> {
              if (!value.isEmpty()) {
                String property = key.toLowerCase().replace("rotor_db_", "rotor.db.");
                property = property.replace("rotor_data_dir", "rotor.data-dir");
                options.append(" -D").append(property).append('=').append(value);
              }
            });
    return options.toString().trim();
  }

  /** A direct connection to the run's PostgreSQL, in the given schema. */
  public static Connection connect(String schema) throws SQLException {
    return DriverManager.getConnection(
        pgUrl() + "?currentSchema=" + schema, pgUser(), pgPassword());
  }

  public static synchronized boolean postgresReachable() {
    if (postgresReachable == null) {
      DriverManager.setLoginTimeout(3);
      try (Connection ignored = DriverManager.getConnection(pgUrl(), pgUser(), pgPassword())) {
        postgresReachable = true;
      } catch (SQLException e) {
        postgresReachable = false;
      }
    }
    return postgresReachable;
  }

  /** Drops what an earlier run left: a test run never depends on leftovers. */
  static void resetAll() {
    deleteRecursively(dataDir("").normalize());
    if (isPostgres()) {
      if (!postgresReachable()) {
        return;
      }
      try (Connection c = DriverManager.getConnection(pgUrl(), pgUser(), pgPassword());
          Statement s = c.createStatement()) {
        for (String schema : new String[] {SUITE, RESTART, FAULTS}) {
          s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
          s.execute("CREATE SCHEMA " + schema);
        }
      } catch (SQLException e) {
        throw new IllegalStateException("cannot reset the PostgreSQL test schemas", e);
      }
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
