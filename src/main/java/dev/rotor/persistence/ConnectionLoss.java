package dev.rotor.persistence;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The one rule for "the database is out of reach", whichever layer reports it: the JDBC driver, the
 * server's pool, EclipseLink ({@code DatabaseException}, EclipseLink-4002), Hibernate ({@code
 * JDBCConnectionException}) or a transaction wrapper. All of them keep the driver's {@link
 * SQLException} somewhere in the cause chain, and its SQLState says what happened: class {@code 08}
 * (connection exception: refused, broken, closed) or PostgreSQL's {@code 57P01}-{@code 57P03} (the
 * server is shutting down, crashed, or not accepting connections yet). Such a failure is nobody's
 * fault and passes once the database is back: the answer is a 503 that asks the client to retry.
 */
public final class ConnectionLoss {

  /** Causes looked at, at most: a chain is a handful long; this only bounds a pathological one. */
  private static final int MAX_DEPTH = 32;

  private ConnectionLoss() {}

  /** Whether the failure, or anything in its cause chain, is a lost database connection. */
  public static boolean isConnectionLoss(Throwable failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Throwable current = failure;
    while (current != null && seen.size() < MAX_DEPTH && seen.add(current)) {
      if (current instanceof SQLException sql && isConnectionLoss(sql)) {
        return true;
      }
      current = current.getCause();
    }
    return false;
  }

  /** The SQLState rule, for one exception and the exceptions chained to it by JDBC. */
  static boolean isConnectionLoss(SQLException failure) {
    int chained = 0;
    for (SQLException e = failure; e != null && chained < MAX_DEPTH; e = e.getNextException()) {
      chained++;
      if (e instanceof SQLTransientConnectionException
          || e instanceof SQLNonTransientConnectionException
          || isConnectionLossState(e.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /** SQLState class 08, or PostgreSQL's admin shutdown, crash shutdown and cannot-connect-now. */
  static boolean isConnectionLossState(String state) {
    return state != null
        && (state.startsWith("08")
            || state.equals("57P01")
            || state.equals("57P02")
            || state.equals("57P03"));
  }
}
