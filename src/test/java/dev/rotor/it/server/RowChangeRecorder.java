package dev.rotor.it.server;

import jakarta.annotation.Resource;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Test WAR only: for a request that carries {@value #HEADER} (the fuzz test's case id), the row
 * counts of every table before and after it, kept here when they differ and handed out (and
 * forgotten) by {@code GET /test/row-changes}. Counting in the server, around the request, costs
 * two statements per case instead of an HTTP round trip, and the counts are exactly those of the
 * request: nothing else runs in between, since the fuzz test sends one request at a time.
 */
@WebFilter(urlPatterns = "/*")
public class RowChangeRecorder extends HttpFilter {

  public static final String HEADER = "X-Rotor-Test-Case";

  /** Case id to {"before": counts, "after": counts}, only for cases that changed a count. */
  static final Map<String, JsonObject> CHANGES = new ConcurrentHashMap<>();

  private static volatile String sql;

  @Resource(lookup = "java:app/jdbc/rotor")
  DataSource database;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String id = request.getHeader(HEADER);
    if (id == null) {
      chain.doFilter(request, response);
      return;
    }
    JsonObject before = counts();
    try {
      chain.doFilter(request, response);
    } finally {
      JsonObject after = counts();
      if (!before.equals(after)) {
        CHANGES.put(
            id, Json.createObjectBuilder().add("before", before).add("after", after).build());
      }
    }
  }

  /** Every table's row count and the audit log's count per event type, in one statement each. */
  JsonObject counts() {
    try (Connection c = database.getConnection()) {
      return counts(c);
    } catch (SQLException e) {
      throw new IllegalStateException("row counts", e);
    }
  }

  static JsonObject counts(Connection c) throws SQLException {
    String union = sql;
    if (union == null) {
      sql = union = unionOfCounts(c);
    }
    JsonObjectBuilder tables = Json.createObjectBuilder();
    JsonObjectBuilder audit = Json.createObjectBuilder();
    try (Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery(union)) {
        while (rs.next()) {
          tables.add(rs.getString(1).toLowerCase(Locale.ROOT), rs.getLong(2));
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT type, COUNT(*) FROM audit_event GROUP BY type")) {
        while (rs.next()) {
          audit.add(rs.getString(1), rs.getLong(2));
        }
      }
    }
    return Json.createObjectBuilder().add("tables", tables).add("audit", audit).build();
  }

  /**
   * One {@code UNION ALL} of a {@code COUNT(*)} per table of the schema, the tables from JDBC's
   * metadata, so a table added by a later migration is counted without a change here.
   */
  private static String unionOfCounts(Connection c) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    String quote = meta.getIdentifierQuoteString().trim();
    List<String> tables = new ArrayList<>();
    try (ResultSet rs =
        meta.getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        tables.add(rs.getString("TABLE_NAME"));
      }
    }
    if (tables.isEmpty()) {
      throw new IllegalStateException("no tables in schema " + c.getSchema());
    }
    StringBuilder sql = new StringBuilder();
    for (String table : tables) {
      sql.append(sql.length() == 0 ? "" : " UNION ALL ")
          .append("SELECT '")
          .append(table.replace("'", "''"))
          .append("', COUNT(*) FROM ")
          .append(quote)
          .append(table.replace(quote, quote + quote))
          .append(quote);
    }
    return sql.toString();
  }

  /** The recorded changes of the cases whose ids start with {@code prefix}, forgotten here. */
  static JsonObject take(String prefix) {
    JsonObjectBuilder out = Json.createObjectBuilder();
    for (String id : List.copyOf(CHANGES.keySet())) {
      if (id.startsWith(prefix)) {
        JsonObject change = CHANGES.remove(id);
        if (change != null) {
          out.add(id, change);
        }
      }
    }
    return out.build();
  }
}
