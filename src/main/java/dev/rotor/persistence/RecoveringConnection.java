package dev.rotor.persistence;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * A physical database connection that replaces itself once the database is back from an outage, for
 * servers whose pool keeps dead connections: WildFly's pool for a {@code @DataSourceDefinition} has
 * no validation and no exception sorter (neither can be declared in the annotation), so after a
 * restart of PostgreSQL every pooled connection failed every request until it idled out (30
 * minutes). Payara validates connections itself (DatabaseMigration); there this does nothing.
 *
 * <p>How: any statement or connection call that fails with a lost connection ({@link
 * ConnectionLoss}) counts a loss, for every connection. A connection that has not been checked
 * since the last loss checks itself ({@link Connection#isValid}) at its next clean point, before it
 * sends anything: when it is about to create a statement outside a transaction, or before the first
 * statement of one, or when a transaction begins ({@code setAutoCommit(false)}). If it is dead it
 * opens a new physical connection with the same auto-commit, read-only and isolation settings and
 * goes on with that one. Mid-transaction it never swaps: work sent on the dead connection is lost,
 * the statement fails, the transaction rolls back, and the client gets its 503. While the database
 * is still away, opening fails with the driver's connection error: another 503.
 *
 * <p>Costs nothing between outages but one counter read per call; one validation per connection and
 * outage.
 */
final class RecoveringConnection implements InvocationHandler {

  private static final System.Logger LOG = System.getLogger(RecoveringConnection.class.getName());

  /** Lost connections seen so far, on any connection of this node. */
  private static final AtomicLong LOSSES = new AtomicLong();

  /** How long a connection may take to prove it is alive. */
  private static final int VALIDATION_SECONDS = 2;

  /** Calls before which a connection may be replaced, when no transaction has sent work yet. */
  private static final Set<String> CLEAN_POINTS =
      Set.of(
          "createStatement",
          "prepareStatement",
          "prepareCall",
          "setAutoCommit",
          "setReadOnly",
          "setTransactionIsolation");

  private final DataSource physical;
  private final Connection proxy;
  private volatile Connection delegate;
  private long checkedAt;
  private boolean transactionSentWork;
  private Boolean autoCommit;
  private Boolean readOnly;
  private Integer isolation;

  private RecoveringConnection(DataSource physical, Connection delegate) {
    this.physical = physical;
    this.delegate = delegate;
    this.checkedAt = LOSSES.get();
    this.proxy =
        (Connection)
            Proxy.newProxyInstance(
                RecoveringConnection.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                this);
  }

  /** A new physical connection from the driver's data source, able to replace itself. */
  static Connection open(DataSource physical) throws SQLException {
    return new RecoveringConnection(physical, physical.getConnection()).proxy;
  }

  /** Counts a lost connection if this failure is one; answers the failure. */
  static Throwable noticed(Throwable failure) {
    if (failure instanceof SQLException sql && ConnectionLoss.isConnectionLoss(sql)) {
      LOSSES.incrementAndGet();
    }
    return failure;
  }

  @Override
  public Object invoke(Object self, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    switch (name) {
      case "equals":
        return self == args[0];
      case "hashCode":
        return System.identityHashCode(self);
      case "toString":
        return "RecoveringConnection[" + delegate + "]";
      case "unwrap":
        return ((Class<?>) args[0]).isInstance(self) ? self : delegate.unwrap((Class<?>) args[0]);
      case "isWrapperFor":
        return ((Class<?>) args[0]).isInstance(self) || delegate.isWrapperFor((Class<?>) args[0]);
      default:
        break;
    }
    Object result;
    try {
      if (checkedAt != LOSSES.get() && !transactionSentWork && CLEAN_POINTS.contains(name)) {
        recoverIfLost();
      }
      result = call(delegate, method, args);
    } catch (Throwable failure) {
      if (name.equals("setAutoCommit")) {
        // Whether it took is unknown, and a pool that asked for a transaction counts it as begun
        // (WildFly's marks the connection out of auto-commit before it asks): a replacement must
        // not commit each statement on its own while the caller thinks it is in a transaction.
        autoCommit = false;
        transactionSentWork = false;
      }
      throw failure;
    }
    track(name, args);
    if (result instanceof Statement statement) {
      return statement(statement, method.getReturnType());
    }
    return result;
  }

  /** Follows what the pool and the JPA provider set, to set it again on a replacement. */
  private void track(String name, Object[] args) throws SQLException {
    switch (name) {
      case "setAutoCommit" -> {
        autoCommit = (Boolean) args[0];
        transactionSentWork = false;
      }
      case "commit" -> transactionSentWork = false;
      case "rollback" -> transactionSentWork &= args != null; // to a savepoint: still open
      case "setReadOnly" -> readOnly = (Boolean) args[0];
      case "setTransactionIsolation" -> isolation = (Integer) args[0];
      case "createStatement", "prepareStatement", "prepareCall" ->
          transactionSentWork |= !delegate.getAutoCommit();
      default -> {}
    }
  }

  private synchronized void recoverIfLost() throws SQLException {
    long losses = LOSSES.get();
    Connection current = delegate;
    if (current.isValid(VALIDATION_SECONDS)) {
      checkedAt = losses;
      return;
    }
    Connection fresh = physical.getConnection();
    try {
      if (autoCommit != null) {
        fresh.setAutoCommit(autoCommit);
      }
      if (readOnly != null) {
        fresh.setReadOnly(readOnly);
      }
      if (isolation != null) {
        fresh.setTransactionIsolation(isolation);
      }
    } catch (SQLException e) {
      closeQuietly(fresh);
      throw e;
    }
    delegate = fresh;
    checkedAt = losses;
    closeQuietly(current);
    LOG.log(
        System.Logger.Level.INFO,
        "A pooled database connection lost with the database was replaced by a new one");
  }

  private Statement statement(Statement statement, Class<?> type) {
    Class<?> api =
        type.isInterface() && Statement.class.isAssignableFrom(type) ? type : Statement.class;
    return (Statement)
        Proxy.newProxyInstance(
            RecoveringConnection.class.getClassLoader(),
            new Class<?>[] {api},
            (self, method, args) -> {
              switch (method.getName()) {
                case "equals":
                  return self == args[0];
                case "hashCode":
                  return System.identityHashCode(self);
                case "getConnection":
                  return proxy;
                case "unwrap":
                  return ((Class<?>) args[0]).isInstance(self)
                      ? self
                      : statement.unwrap((Class<?>) args[0]);
                case "isWrapperFor":
                  return ((Class<?>) args[0]).isInstance(self)
                      || statement.isWrapperFor((Class<?>) args[0]);
                default:
                  return call(statement, method, args);
              }
            });
  }

  /** Calls the real object, counting a lost connection, and throws what it threw. */
  private static Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw noticed(e.getCause());
    }
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // it is dead, or going
    }
  }
}
