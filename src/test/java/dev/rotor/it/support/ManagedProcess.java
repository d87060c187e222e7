package dev.rotor.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A server the suite starts as a separate process, its output in a log file: started once, waited
 * for with a deadline, and stopped so that nothing it started outlives the test.
 */
public final class ManagedProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path log;

  private ManagedProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts the command with the environment added to this JVM's, its output going to the log. */
  public static ManagedProcess start(
      String name, List<String> command, Map<String, String> environment, Path log) {
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      return new ManagedProcess(name, builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path log() {
    return log;
  }

  /**
   * Polls the URL until an answer passes the check, up to the limit. A process that exits, or is
   * not ready in time, is stopped and reported with the end of its log.
   */
  public void awaitAnswer(URI url, Predicate<HttpResponse<String>> ready, Duration limit) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Instant deadline = Instant.now().plus(limit);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name
                + " exited with "
                + process.exitValue()
                + ": "
                + log
                + "; it ended with:\n"
                + tail());
      }
      try {
        HttpResponse<String> reply =
            client.send(
                HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (ready.test(reply)) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw new IllegalStateException(e);
      }
      pause();
    }
    close();
    throw new IllegalStateException(
        name
            + " did not answer "
            + url
            + " within "
            + limit
            + ": "
            + log
            + "; it ended with:\n"
            + tail());
  }

  /** Waits, up to the limit, for the log to show a line containing the text. */
  public boolean awaitLog(String text, Duration limit) {
    Instant deadline = Instant.now().plus(limit);
    while (Instant.now().isBefore(deadline) && process.isAlive()) {
      if (logText().contains(text)) {
        return true;
      }
      if (Thread.currentThread().isInterrupted()) {
        return false;
      }
      pause();
    }
    return logText().contains(text);
  }

  /** The log so far; ISO-8859-1 because servers write bytes that are not always UTF-8. */
  public String logText() {
    try {
      return Files.readString(log, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The last lines of the log, so that a start that failed says why in the report. */
  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(the log cannot be read: " + e + ")";
    }
  }

  /** Half a second or until the process exits: polling a process we do not control. */
  private void pause() {
    try {
      process.waitFor(500, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Stops the server as an operator would (SIGTERM, which the start scripts pass on), then makes
   * sure nothing it started is left running.
   */
  @Override
  public void close() {
    List<ProcessHandle> started = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
      for (ProcessHandle child : started) {
        if (child.isAlive()) {
          child.destroy();
          child.onExit().get(60, TimeUnit.SECONDS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      started.forEach(ProcessHandle::destroyForcibly);
    } catch (ExecutionException | TimeoutException e) {
      started.forEach(ProcessHandle::destroyForcibly);
    }
  }
}
