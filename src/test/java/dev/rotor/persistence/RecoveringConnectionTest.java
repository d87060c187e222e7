package dev.rotor.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.UUID;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A replaced connection keeps the transaction its pool thinks it is in. The database is a real H2;
 * only the network between it and the connection is simulated: a cut turns every call on an open
 * connection into a lost-connection error and refuses new ones.
 */
class RecoveringConnectionTest {

  private final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

  private final Network network = new Network();

  @BeforeEach
  void table() throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (v INT)");
    }
  }

  @Test
  void aTransactionBegunWhileTheDatabaseWasAwayDoesNotCommitStatementByStatementOnItsReplacement()
      throws Exception {
    Connection pooled = RecoveringConnection.open(network);
    pooled.setAutoCommit(true);

    network.cut = true;
    assertThatThrownBy(() -> pooled.createStatement().execute("SELECT 1"))
        .isInstanceOf(SQLException.class);
    // The pool begins a transaction; the replacement cannot be opened yet.
    assertThatThrownBy(() -> pooled.setAutoCommit(false)).isInstanceOf(SQLException.class);
    network.cut = false;

    try (Statement s = pooled.createStatement()) {
      s.executeUpdate("INSERT INTO t VALUES (1)");
    }
    pooled.rollback();

    assertThat(rows()).as("the insert was part of the rolled-back transaction").isZero();
    pooled.setAutoCommit(true);
    try (Statement s = pooled.createStatement()) {
      s.executeUpdate("INSERT INTO t VALUES (2)");
    }
    assertThat(rows()).isEqualTo(1);
    pooled.close();
  }

  private int rows() throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM t")) {
      r.next();
      return r.getInt(1);
    }
  }

  /** H2 connections behind a network that can be cut. */
  private final class Network implements DataSource {
    volatile boolean cut;

    @Override
    public Connection getConnection() throws SQLException {
      if (cut) {
        throw new SQLException("connection refused", "08001");
      }
      Connection real = DriverManager.getConnection(url);
      return (Connection)
          Proxy.newProxyInstance(
              getClass().getClassLoader(),
              new Class<?>[] {Connection.class},
              (self, method, args) -> {
                if (cut || real.isClosed()) {
                  real.close();
                  if (method.getName().equals("isValid")) {
                    return false;
                  }
                  throw new SQLException("connection reset", "08006");
                }
                try {
                  return method.invoke(real, args);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                }
              });
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
      return false;
    }
  }
}
