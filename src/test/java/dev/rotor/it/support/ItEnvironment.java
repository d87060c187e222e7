package dev.rotor.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Runs once per integration-test JVM, before Arquillian reads its configuration: a clean database,
 * the server's JVM options that point it there, and what the run's kind of server needs besides: a
 * fresh WildFly server folder, or a Payara Server started by its start script (Arquillian then only
 * deploys to it).
 */
public class ItEnvironment implements LauncherSessionListener {

  private RotorProcess payaraServer;

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    if (System.getProperty("rotor.it.db") == null) {
      return; // a unit-test run
    }
    ItDatabase.resetAll();
    System.setProperty("rotor.it.serverJvmOptions", ItDatabase.serverJvmOptions(ItDatabase.SUITE));
    switch (ItServer.kind()) {
      case "wildfly" -> prepareWildFly();
      case "payara-server" -> startPayaraServer();
      default -> logFolder();
    }
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    if (payaraServer != null) {
      payaraServer.close();
    }
  }

  /** Payara Micro's log file (arquillian.xml) goes there, and its file handler makes no folder. */
  private static void logFolder() {
    try {
      Files.createDirectories(ItDatabase.dataDir("logs"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The ports server-config/wildfly/start.sh gives a server on the suite's port, and a copy of the
   * provisioned server folder, so that no run sees what an earlier one left.
   */
  private static void prepareWildFly() {
    int offset = 1000 + ItServer.PORT % 1000;
    Path home = Path.of(System.getProperty("rotor.it.wildflyHome"));
    Path base = ItDatabase.dataDir("wildfly");
    copy(home.resolve("standalone"), base);
    System.setProperty(
        "rotor.it.wildflyJvmOptions",
        String.join(
            " ",
            "-Djboss.server.base.dir=" + base,
            "-Djboss.socket.binding.port-offset=" + offset,
            "-Djboss.http.port=" + (ItServer.PORT - offset),
            // Our JWK Set is fetched at once for every unknown key id: rotation tests rotate more
            // often than once a minute (the WAR's setting).
            "-Dsmallrye.jwt.jwks.forced-refresh-interval=0"));
    System.setProperty("rotor.it.wildflyManagementPort", String.valueOf(9990 + offset));
  }

  /** Started as an operator would, with the suite's settings in its environment. */
  private void startPayaraServer() {
    Map<String, String> environment = new HashMap<>(ItServer.environment());
    environment.putAll(ItDatabase.serverEnvironment(ItDatabase.SUITE));
    environment.put("ROTOR_WAR", ""); // Arquillian deploys the suite's WAR
    payaraServer =
        RotorProcess.launch(
            "payara-server",
            ItServer.PORT,
            environment,
            ItDatabase.dataDir("logs").resolve("payara-server.log"));
    payaraServer.awaitAnswer(
        URI.create("http://127.0.0.1:" + (ItServer.PORT - 32) + "/management/domain/version"));
  }

  private static void copy(Path from, Path to) {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path source : paths.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
