package dev.rotor.it.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Rotor server started and stopped as an operator would: {@code java -jar target/rotor.jar} for
 * Payara Micro, else {@code server-config/<server>/start.sh PORT} with {@code target/rotor.war}.
 */
public final class RotorProcess implements AutoCloseable {

  private static final Duration START_LIMIT = Duration.ofMinutes(3);

  private final ManagedProcess process;
  private final URI base;

  private RotorProcess(ManagedProcess process, URI base) {
    this.process = process;
    this.base = base;
  }

  /** Starts the jar and waits until the application answers. */
  public static RotorProcess start(Map<String, String> environment, Path log) {
    RotorProcess rotor = launch(environment, log);
    rotor.awaitReady();
    return rotor;
  }

  /** Starts that kind of server on a free port and waits until the application answers. */
  public static RotorProcess start(String kind, Map<String, String> environment, Path log) {
    RotorProcess rotor = launch(kind, freePort(kind), environment, log);
    rotor.awaitReady();
    return rotor;
  }

  /** Starts the run's kind of server without waiting for anything. */
  public static RotorProcess launch(Map<String, String> environment, Path log) {
    Map<String, String> withWar = new HashMap<>(environment);
    withWar.putIfAbsent("ROTOR_WAR", System.getProperty("rotor.it.war", "target/rotor.war"));
    return launch(ItServer.kind(), freePort(ItServer.kind()), withWar, log);
  }

  /** Starts that kind of server on that port without waiting for anything. */
  static RotorProcess launch(String kind, int port, Map<String, String> environment, Path log) {
    List<String> command;
    if (kind.equals("payara-micro")) {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      String jar = System.getProperty("rotor.it.jar", "target/rotor.jar");
      command = List.of(java, "-Xmx384m", "-jar", jar, "--port", String.valueOf(port));
    } else {
      Path script =
          Path.of(System.getProperty("rotor.it.serverConfig", "server-config"), kind, "start.sh");
      command = List.of("bash", script.toString(), String.valueOf(port));
    }
    return new RotorProcess(
        ManagedProcess.start("the " + kind + " server", command, environment, log),
        URI.create("http://127.0.0.1:" + port + "/"));
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
    return process.awaitLog(text, limit);
  }

  /** Ready means the application answers: Payara Micro says "ready" even if the WAR failed. */
  private void awaitReady() {
    awaitAnswer(base.resolve(".well-known/jwks.json"));
  }

  /** Waits, up to the start limit, for a 200 from the URL. */
  void awaitAnswer(URI url) {
    process.awaitAnswer(url, reply -> reply.statusCode() == 200, START_LIMIT);
  }

  @Override
  public void close() {
    process.close();
  }

  /**
   * A port from 20000 to 31999 that is free together with every other port the start script of that
   * kind of server derives from it (see the scripts' headers): a start whose HTTP, management or
   * HTTPS port is taken hangs or fails without ever answering. Below Linux's ephemeral range (from
   * 32768), so no outgoing connection takes the port between this check and the server's bind.
   */
  private static int freePort(String kind) {
    java.util.Random random = new java.util.Random();
    for (int tries = 0; tries < 100; tries++) {
      int port = 20000 + random.nextInt(12000);
      if (derivedPorts(kind, port).stream().allMatch(RotorProcess::isFree)) {
        return port;
      }
    }
    throw new IllegalStateException("no free port from 20000 to 31999");
  }

  /** The port and the others its start script binds near it. */
  static List<Integer> derivedPorts(String kind, int port) {
    return switch (kind) {
      case "wildfly" -> {
        int offset = 1000 + port % 1000;
        yield List.of(port, 9990 + offset, 8443 + offset, 4712 + offset, 4713 + offset);
      }
      case "payara-server" ->
          List.of(
              port, port + 1, port + 6, port - 4, port - 14, port - 31, port - 32, port - 41,
              port - 42, port - 43, port - 71);
      default -> List.of(port);
    };
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket =
        new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort() == port;
    } catch (IOException taken) {
      return false;
    }
  }
}
