package dev.rotor.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code java -jar target/rotor.jar}, started and stopped as an operator would. */
public final class RotorProcess implements AutoCloseable {

  private static final Duration START_LIMIT = Duration.ofMinutes(3);

  private final Process process;
  private final URI base;
  private final Path log;

  private RotorProcess(Process process, URI base, Path log) {
    this.process = process;
    this.base = base;
    this.log = log;
  }

  /** Starts the jar and waits until the application answers. */
  public static RotorProcess start(Map<String, String> environment, Path log) {
    RotorProcess rotor = launch(environment, log);
    rotor.awaitReady();
    return rotor;
  }

  /** Starts the jar without waiting for anything. */
  public static RotorProcess launch(Map<String, String> environment, Path log) {
    int port = freePort();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String jar = System.getProperty("rotor.it.jar", "target/rotor.jar");
    ProcessBuilder builder =
        new ProcessBuilder(List.of(java, "-Xmx384m", "-jar", jar, "--port", String.valueOf(port)))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    try {
      Files.createDirectories(log.getParent());
      return new RotorProcess(builder.start(), URI.create("http://127.0.0.1:" + port + "/"), log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public URI base() {
    return base;
  }

  /** Whether the application answers 200 at the path right now. */
  public boolean answers(String path) {
    try {
      return HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(5)).build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Waits, up to the limit, for the server's log to show a line containing the text. */
  public boolean awaitLog(String text, Duration limit) {
    Instant deadline = Instant.now().plus(limit);
    try {
      while (Instant.now().isBefore(deadline) && process.isAlive()) {
        if (Files.readString(log).contains(text)) {
          return true;
        }
        process.waitFor(500, TimeUnit.MILLISECONDS);
      }
      return Files.readString(log).contains(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Ready means the application answers: Payara Micro says "ready" even if the WAR failed. */
  private void awaitReady() {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Instant deadline = Instant.now().plus(START_LIMIT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("rotor.jar exited with " + process.exitValue());
      }
      try {
        HttpResponse<Void> reply =
            client.send(
                HttpRequest.newBuilder(base.resolve(".well-known/jwks.json")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (reply.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      try {
        // Polling a process we do not control; no application time is being waited for.
        process.waitFor(500, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    close();
    throw new IllegalStateException("rotor.jar not ready within " + START_LIMIT);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
