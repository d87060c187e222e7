package dev.rotor.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * The log of the suite's running server, read from the file that server writes: Payara Micro's
 * {@code --logToFile} copy of its console (arquillian.xml), WildFly's {@code log/server.log} in the
 * server folder ItEnvironment made, Payara Server's console as ItEnvironment's start captured it.
 */
public final class SuiteLog {

  private static final Duration WRITE_LIMIT = Duration.ofSeconds(60);

  private final Api api;

  public SuiteLog(Api api) {
    this.api = api;
  }

  /** The file the suite's server logs to now (Payara Micro's rotates: older ones end .1 to .9). */
  static Path file() {
    return switch (ItServer.kind()) {
      case "wildfly" -> ItDatabase.dataDir("wildfly").resolve("log").resolve("server.log");
      case "payara-server" -> ItDatabase.dataDir("logs").resolve("payara-server.log");
      default -> ItDatabase.dataDir("logs").resolve("payara-micro.log");
    };
  }

  /**
   * Logs a line that names a new id through the server (test deployment only) and waits until the
   * server's log holds it: everything the server logged before is then in the file too.
   */
  public String mark() {
    String marker = "suite-log-marker-" + UUID.randomUUID();
    Api.Reply reply =
        api.send(
            api.request("test/log-marker")
                .header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(marker))
                .build());
    if (reply.status() != 204) {
      throw new IllegalStateException("cannot mark the log: " + reply.status());
    }
    Instant deadline = Instant.now().plus(WRITE_LIMIT);
    while (indexOf(lines(), marker) < 0) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "the marker did not reach " + file() + " within " + WRITE_LIMIT);
      }
      // Waiting for the server's log writer (another process), not for time in the application.
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
    return marker;
  }

  /**
   * The lines the server logged after the line of the first marker and before that of the second;
   * empty if the first is gone (rotated away), which the caller reports as more than it allows.
   */
  public List<String> between(String first, String second) {
    List<String> lines = lines();
    int from = indexOf(lines, first);
    int to = indexOf(lines, second);
    if (from < 0 || to < from) {
      throw new IllegalStateException(
          "the first marker rotated out of the log: far more than "
              + lines.size()
              + " lines were logged since");
    }
    return List.copyOf(lines.subList(from + 1, to));
  }

  private static int indexOf(List<String> lines, String marker) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).contains(marker)) {
        return i;
      }
    }
    return -1;
  }

  /** Every line of the log, oldest first, across the rotated files that are left. */
  static List<String> lines() {
    Path current = file();
    List<Path> files = new ArrayList<>();
    try (Stream<Path> siblings = Files.list(current.getParent())) {
      String prefix = current.getFileName() + ".";
      siblings
          .filter(p -> p.getFileName().toString().startsWith(prefix))
          .filter(p -> generation(p, prefix) >= 0)
          // java.util.logging.FileHandler writes .0 and renames it to .1, .1 to .2 and so on.
          .sorted(Comparator.comparingInt((Path p) -> generation(p, prefix)).reversed())
          .forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (Files.exists(current)) {
      files.add(current);
    }
    List<String> lines = new ArrayList<>();
    for (Path file : files) {
      try {
        lines.addAll(
            List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n", -1)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return lines;
  }

  private static int generation(Path file, String prefix) {
    String rest = file.getFileName().toString().substring(prefix.length());
    return rest.matches("[0-9]{1,3}") ? Integer.parseInt(rest) : -1;
  }
}
