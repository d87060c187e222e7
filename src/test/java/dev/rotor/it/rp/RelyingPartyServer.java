package dev.rotor.it.rp;

import dev.rotor.it.support.ItServer;
import dev.rotor.it.support.ManagedProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The relying party on its own Payara Micro (plain {@code payara-micro.jar}, not Rotor's), at
 * {@code http://127.0.0.1:}{@link ItServer#RP_PORT}{@code /rp}: a browser's cookie jar ignores
 * ports, so the relying party must not share a server (and a {@code JSESSIONID} on {@code /}) with
 * Rotor. The test side of the package: none of this class goes into the WAR.
 */
public final class RelyingPartyServer implements AutoCloseable {

  public static final String CONTEXT_ROOT = "rp";
  public static final URI BASE =
      URI.create("http://127.0.0.1:" + ItServer.RP_PORT + "/" + CONTEXT_ROOT);

  private static final Duration START_LIMIT = Duration.ofMinutes(3);

  private final ManagedProcess process;

  private RelyingPartyServer(ManagedProcess process) {
    this.process = process;
  }

  /** The relying party's WAR: its own classes only; Jakarta EE comes with the server. */
  public static WebArchive war() {
    return ShrinkWrap.create(WebArchive.class, CONTEXT_ROOT + ".war")
        .addClasses(
            RelyingParty.class,
            ProfileServlet.class,
            CallbackServlet.class,
            HealthServlet.class,
            Html.class)
        .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
  }

  /**
   * Exports the WAR into the folder, starts Payara Micro on it and waits (bounded) until the WAR
   * itself answers.
   */
  public static RelyingPartyServer start(Path folder, Path log) {
    String microJar = System.getProperty("payara.microJar");
    if (microJar == null || microJar.isBlank()) {
      throw new IllegalStateException(
          "system property payara.microJar (the plain Payara Micro jar) is not set: run through"
              + " failsafe");
    }
    requireFreePort();
    try {
      Files.createDirectories(folder);
      Files.createDirectories(log.getParent());
      Path war = folder.resolve(CONTEXT_ROOT + ".war");
      war().as(ZipExporter.class).exportTo(war.toFile(), true);
      Path preBoot =
          Path.of(System.getProperty("rotor.it.serverConfig", "server-config"))
              .resolve("pre-boot-commands.txt");
      List<String> command =
          List.of(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-Xmx256m",
              "-jar",
              microJar,
              "--deploy",
              war.toString(),
              "--contextroot",
              CONTEXT_ROOT,
              "--port",
              String.valueOf(ItServer.RP_PORT),
              // No Hazelcast at all: --nocluster alone still binds its port on every interface.
              "--nohazelcast",
              "--disablephonehome",
              // Binds the HTTP listener to 127.0.0.1 and nothing else.
              "--prebootcommandfile",
              preBoot.toString(),
              "--rootdir",
              folder.resolve("payara-micro").toString());
      RelyingPartyServer server =
          new RelyingPartyServer(
              ManagedProcess.start("the relying party's Payara Micro", command, Map.of(), log));
      server.awaitReady();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A page of the relying party, e.g. {@code /profile}. */
  public static String url(String path) {
    return BASE + path;
  }

  public Path log() {
    return process.log();
  }

  /**
   * The log's path and its last few exception lines, for assertion messages: Soteria logs its
   * failures there, while the browser sees a bare 500 or 401.
   */
  public String problems() {
    Path log = process.log();
    try {
      List<String> lines =
          Files.readAllLines(log, StandardCharsets.ISO_8859_1).stream()
              .filter(line -> line.contains("Exception:") || line.contains("Error occurred"))
              .toList();
      StringBuilder problems = new StringBuilder(log.toString());
      lines
          .subList(Math.max(0, lines.size() - 5), lines.size())
          .forEach(
              line -> problems.append("\n  ").append(line.replaceAll("\u001B\\[[0-9;]*m", "")));
      return problems.toString();
    } catch (IOException e) {
      return log + " (unreadable: " + e + ")";
    }
  }

  /**
   * A server left over from an earlier run would answer the readiness check with its own, possibly
   * different, WAR: refuse to start instead.
   */
  private static void requireFreePort() {
    try (ServerSocket probe =
        new ServerSocket(ItServer.RP_PORT, 1, InetAddress.getLoopbackAddress())) {
      probe.setReuseAddress(true);
    } catch (IOException taken) {
      throw new IllegalStateException(
          "port " + ItServer.RP_PORT + " is taken: is an earlier relying party still running?",
          taken);
    }
  }

  /** Polls the unprotected health page until the WAR answers, up to the start limit. */
  private void awaitReady() {
    process.awaitAnswer(
        URI.create(url(HealthServlet.PATH)),
        reply -> reply.statusCode() == 200 && reply.body().equals(HealthServlet.UP),
        START_LIMIT);
  }

  /** SIGTERM, then SIGKILL if need be; whatever the server started goes too. */
  @Override
  public void close() {
    process.close();
  }
}
