package dev.rotor.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class ConnectionLossTest {

  @Test
  void connectionClassStatesAndPostgresShutdownsAreLosses() {
    for (String state : new String[] {"08001", "08003", "08006", "57P01", "57P02", "57P03"}) {
      assertThat(ConnectionLoss.isConnectionLoss(new SQLException("lost", state)))
          .as(state)
          .isTrue();
    }
  }

  @Test
  void otherFailuresAreNot() {
    for (String state : new String[] {"23505", "40001", "57014", "42P01", "0A000"}) {
      assertThat(ConnectionLoss.isConnectionLoss(new SQLException("not lost", state)))
          .as(state)
          .isFalse();
    }
    assertThat(ConnectionLoss.isConnectionLoss(new SQLException("no state"))).isFalse();
    assertThat(ConnectionLoss.isConnectionLoss(new IllegalStateException("plain"))).isFalse();
    assertThat(
            ConnectionLoss.isConnectionLoss(
                new SQLIntegrityConstraintViolationException("duplicate", "23505")))
        .isFalse();
  }

  /** As EclipseLink, Hibernate, a pool or a transaction wrapper hand it on: deep in the chain. */
  @Test
  void aLossAnywhereInTheCauseChainCounts() {
    SQLException driver = new SQLException("An I/O error occurred", "08006", new EOFException());
    RuntimeException wrapped =
        new RuntimeException(
            "jakarta.persistence.PersistenceException",
            new RuntimeException("EclipseLink-4002", new SQLException("pool", null, driver)));

    assertThat(ConnectionLoss.isConnectionLoss(wrapped)).isTrue();
  }

  @Test
  void theStandardSubclassesCountWithoutAState() {
    assertThat(ConnectionLoss.isConnectionLoss(new SQLTransientConnectionException("timeout")))
        .isTrue();
  }

  @Test
  void exceptionsChainedByJdbcCount() {
    SQLException batch = new SQLException("batch failed", "XX000");
    batch.setNextException(new SQLException("terminating connection", "57P01"));

    assertThat(ConnectionLoss.isConnectionLoss(batch)).isTrue();
  }

  @Test
  void aCyclicChainEnds() {
    RuntimeException first = new RuntimeException("first");
    RuntimeException second = new RuntimeException("second", first);
    first.initCause(second);

    assertThat(ConnectionLoss.isConnectionLoss(first)).isFalse();
  }
}
