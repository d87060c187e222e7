package dev.rotor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Raw SQL names only its own component's tables, which ArchUnit cannot see (the statements are
 * strings): every string literal of the shipped code that reads as SQL is checked against the
 * table's owner.
 */
class TableOwnershipTest {

  private static final Path SOURCES = Path.of("src/main/java/dev/rotor");

  /** Each table and the component that owns it (the data model in docs/architecture.md). */
  private static final Map<String, String> OWNERS =
      Map.ofEntries(
          Map.entry("rotor_user", "users"),
          Map.entry("account_throttle", "users"),
          Map.entry("address_throttle", "users"),
          Map.entry("trusted_source", "users"),
          Map.entry("rotor_session", "sessions"),
          Map.entry("refresh_token", "sessions"),
          Map.entry("signing_key", "keys"),
          Map.entry("rotor_client", "clients"),
          Map.entry("client_assertion", "clients"),
          Map.entry("browser_session", "sso"),
          Map.entry("consent", "sso"),
          Map.entry("browser_session_client", "sso"),
          Map.entry("logout_delivery", "oauth"),
          Map.entry("authorization_code", "oauth"),
          Map.entry("audit_event", "audit"),
          Map.entry("rotor_lock", "persistence"));

  /**
   * Known crossings, each "file: table": sessions' one-statement PostgreSQL paths check the account
   * under the session's own statement and write its audit event in the same round trip. They go
   * when sessions gets one port per store; nothing else may join them.
   */
  private static final Set<String> KNOWN =
      Set.of(
          "sessions/control/PostgresRotation.java: rotor_user",
          "sessions/control/PostgresRotation.java: audit_event",
          "sessions/control/PostgresSessionStart.java: rotor_user",
          "sessions/control/PostgresSessionStart.java: audit_event",
          "sessions/control/UnconfirmedRotations.java: audit_event");

  private static final Pattern SQL =
      Pattern.compile("\\b(SELECT|INSERT|UPDATE|DELETE|FROM|JOIN|INTO|WHERE|RETURNING|VALUES)\\b");
  private static final Pattern COMMENT = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");
  private static final Pattern TEXT_BLOCK = Pattern.compile("(?s)\"\"\"(.*?)\"\"\"");
  private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");

  /** The tables of other components that SQL in this source names, as "table" each. */
  static List<String> foreignTables(String component, String source) {
    String code = COMMENT.matcher(source).replaceAll("");
    List<String> literals = new ArrayList<>();
    Matcher blocks = TEXT_BLOCK.matcher(code);
    while (blocks.find()) {
      literals.add(blocks.group(1));
    }
    Matcher strings = LITERAL.matcher(TEXT_BLOCK.matcher(code).replaceAll(""));
    while (strings.find()) {
      literals.add(strings.group(1));
    }
    List<String> foreign = new ArrayList<>();
    for (String literal : literals) {
      if (!SQL.matcher(literal).find()) {
        continue;
      }
      OWNERS.forEach(
          (table, owner) -> {
            if (!owner.equals(component)
                && Pattern.compile("\\b" + table + "\\b").matcher(literal).find()
                && !foreign.contains(table)) {
              foreign.add(table);
            }
          });
    }
    return foreign;
  }

  @Test
  void rawSqlNamesOnlyItsOwnComponentsTables() throws IOException {
    List<String> crossings = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      files
          .filter(f -> f.toString().endsWith(".java"))
          .forEach(
              file -> {
                Path relative = SOURCES.relativize(file);
                String component =
                    relative.getNameCount() > 1 ? relative.getName(0).toString() : "";
                for (String table : foreignTables(component, read(file))) {
                  crossings.add(relative.toString().replace('\\', '/') + ": " + table);
                }
              });
    }
    assertThat(crossings)
        .as("SQL naming another component's table (KNOWN must name each that is left)")
        .containsExactlyInAnyOrderElementsOf(KNOWN);
  }

  @Test
  void aComponentDeletingAnothersRowsIsFound() {
    String purge =
        "class Purge { String sql = \"DELETE FROM audit_event WHERE id IN (SELECT id FROM\"\n"
            + " + \" audit_event LIMIT ?2)\"; String own = \"DELETE FROM refresh_token\"; }";
    assertThat(foreignTables("sessions", purge)).containsExactly("audit_event");
  }

  @Test
  void namesInCommentsAndNonSqlStringsAreNoCrossing() {
    String source =
        "/** Deletes FROM audit_event. */ class Entity { @Table(name = \"audit_event\") Object e;"
            + " // SELECT FROM rotor_user\n }";
    assertThat(foreignTables("sessions", source)).isEmpty();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
