package dev.rotor.persistence;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The physical connection factory behind the container's pool: it reads {@code rotor.db.*} from
 * MicroProfile Config, so one WAR runs on embedded H2 or PostgreSQL without server-side setup.
 * Container placeholders would not see the WAR's own config defaults (PLATFORM-NOTES).
 */
public class ConfiguredDataSource implements DataSource {

  static final String URL = "rotor.db.url";
  static final String USER = "rotor.db.user";
  static final String PASSWORD = "rotor.db.password";
  static final String DATA_DIR = "rotor.data-dir";

  private volatile DataSource delegate;
  private PrintWriter logWriter;
  private int loginTimeout;

  private DataSource delegate() {
    DataSource current = delegate;
    if (current == null) {
      synchronized (this) {
        if (delegate == null) {
          delegate = create(ConfigProvider.getConfig(ConfiguredDataSource.class.getClassLoader()));
        }
        current = delegate;
      }
    }
    return current;
  }

  static DataSource create(Config config) {
    String url = config.getOptionalValue(URL, String.class).filter(s -> !s.isBlank()).orElse(null);
    String user = config.getOptionalValue(USER, String.class).orElse(null);
    String password = config.getOptionalValue(PASSWORD, String.class).orElse(null);
    if (url == null) {
      return h2(
          embeddedUrl(config.getOptionalValue(DATA_DIR, String.class).orElse("./rotor-data")));
    }
    if (url.startsWith("jdbc:postgresql:")) {
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
    if (url.startsWith("jdbc:h2:")) {
      JdbcDataSource h2 = h2(url);
      if (user != null) {
        h2.setUser(user);
      }
      if (password != null) {
        h2.setPassword(password);
      }
      return h2;
    }
    throw new IllegalStateException(
        URL + ": only jdbc:postgresql: and jdbc:h2: URLs are supported, got '" + url + "'");
  }

  /** Whether Rotor runs on PostgreSQL (else on H2), for the few statements that differ. */
  public static boolean isPostgres() {
    return ConfigProvider.getConfig(ConfiguredDataSource.class.getClassLoader())
        .getOptionalValue(URL, String.class)
        .filter(url -> url.startsWith("jdbc:postgresql:"))
        .isPresent();
  }

  /** Where the data lives, for the start-up log: the URL without parameters or credentials. */
  public static String describe() {
    var config = ConfigProvider.getConfig(ConfiguredDataSource.class.getClassLoader());
    String url = config.getOptionalValue(URL, String.class).filter(s -> !s.isBlank()).orElse(null);
    if (url == null) {
      return "embedded H2 file "
          + Path.of(config.getOptionalValue(DATA_DIR, String.class).orElse("./rotor-data"))
              .toAbsolutePath()
              .normalize()
              .resolve("rotor.mv.db");
    }
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
      throw new IllegalStateException(DATA_DIR + ": cannot create directory " + dir, e);
    }
    return "jdbc:h2:file:" + dir.resolve("rotor");
  }

  private static JdbcDataSource h2(String url) {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL(url);
    return h2;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return delegate().getConnection();
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return delegate().getConnection();
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
