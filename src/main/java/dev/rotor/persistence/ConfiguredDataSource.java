package dev.rotor.persistence;

import dev.rotor.configuration.ConfigReader;
import dev.rotor.configuration.DatabaseSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The physical connection factory behind the container's pool: it reads {@code rotor.db.*} from
 * MicroProfile Config, so one WAR runs on embedded H2 or PostgreSQL without server-side setup.
 * Container placeholders would not see the WAR's own config defaults (docs/architecture.md).
 */
public class ConfiguredDataSource implements DataSource {

  private volatile DataSource delegate;
  private PrintWriter logWriter;
  private int loginTimeout;
  private String description;

  /** JDBC's standard data source property; a container may insist on setting one. */
  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  private DataSource delegate() {
    DataSource current = delegate;
    if (current == null) {
      synchronized (this) {
        if (delegate == null) {
          delegate = create(settings());
        }
        current = delegate;
      }
    }
    return current;
  }

  static DataSource create(DatabaseSettings settings) {
    if (settings.url().isEmpty()) {
      return h2(embeddedUrl(settings.dataDir()));
    }
    String url = settings.url().get();
    String user = settings.user();
    String password = settings.password();
    if (settings.isPostgres()) {
      PGSimpleDataSource pg = new PGSimpleDataSource();
      pg.setURL(url);
      if (user != null) {
        pg.setUser(user);
      }
      if (password != null) {
        pg.setPassword(password);
      }
      // Server-side prepared statements from the first use: the hot path repeats the same few.
      pg.setPrepareThreshold(1);
      return pg;
    }
    JdbcDataSource h2 = h2(url);
    if (user != null) {
      h2.setUser(user);
    }
    if (password != null) {
      h2.setPassword(password);
    }
    return h2;
  }

  /** The settings as this class reads them: it is made by the container, not by CDI. */
  static DatabaseSettings settings() {
    return DatabaseSettings.read(
        ConfigReader.of(ConfigProvider.getConfig(ConfiguredDataSource.class.getClassLoader())));
  }

  /** Where the data lives, for the start-up log: the URL without parameters or credentials. */
  public static String describe(DatabaseSettings settings) {
    if (settings.url().isEmpty()) {
      return "embedded H2 file "
          + Path.of(settings.dataDir()).toAbsolutePath().normalize().resolve("rotor.mv.db");
    }
    String url = settings.url().get();
    int cut = url.indexOf('?');
    int semicolon = url.indexOf(';');
    if (cut < 0 || (semicolon >= 0 && semicolon < cut)) {
      cut = semicolon;
    }
    return cut < 0 ? url : url.substring(0, cut);
  }

  static String embeddedUrl(String dataDir) {
    Path dir = Path.of(dataDir).toAbsolutePath().normalize();
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(
          DatabaseSettings.DATA_DIR + ": cannot create directory " + dir, e);
    }
    return "jdbc:h2:file:" + dir.resolve("rotor");
  }

  private static JdbcDataSource h2(String url) {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL(url);
    return h2;
  }

  /**
   * A new physical connection. Across the network (PostgreSQL) it replaces itself when the database
   * comes back from an outage ({@link RecoveringConnection}); embedded H2 cannot lose it.
   */
  @Override
  public Connection getConnection() throws SQLException {
    DataSource physical = delegate();
    return physical instanceof PGSimpleDataSource
        ? RecoveringConnection.open(physical)
        : physical.getConnection();
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return getConnection();
  }

  @Override
  public PrintWriter getLogWriter() {
    return logWriter;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    this.logWriter = out;
  }

  @Override
  public void setLoginTimeout(int seconds) {
    this.loginTimeout = seconds;
  }

  @Override
  public int getLoginTimeout() {
    return loginTimeout;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    return delegate().unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return type.isInstance(this) || delegate().isWrapperFor(type);
  }
}
