package dev.rotor.archfixture.sessions.boundary;

import java.sql.Connection;
import java.sql.SQLException;

/** Breaks "raw SQL only in persistence adapters": a boundary talking JDBC. */
public class SessionsByJdbc {

  public int count(Connection connection) throws SQLException {
    try (var statement = connection.prepareStatement("SELECT count(*) FROM rotor_session")) {
      return statement.executeQuery().getInt(1);
    }
  }
}
