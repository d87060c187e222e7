package dev.rotor.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay between a server and its database that a test controls: {@link #cut()} closes every
 * live connection and turns new ones away (accepted and closed at once, as a database that is
 * restarting does), {@link #restore()} relays again. Plain blocking sockets, two threads per
 * connection: a connection pool is a few dozen connections at most.
 */
public final class TcpProxy implements AutoCloseable {

  private final ServerSocket server;
  private final InetSocketAddress target;
  private final Set<Socket> live = ConcurrentHashMap.newKeySet();
  private final AtomicInteger relayed = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();
  private volatile boolean cut;

  private TcpProxy(ServerSocket server, InetSocketAddress target) {
    this.server = server;
    this.target = target;
  }

  /** Listens on a free loopback port and relays to the target. */
  public static TcpProxy start(String targetHost, int targetPort) {
    try {
      ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      TcpProxy proxy = new TcpProxy(server, new InetSocketAddress(targetHost, targetPort));
      daemon("tcp-proxy-accept", proxy::accept).start();
      return proxy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Closes every relayed connection, both sides, and turns new ones away until restored. */
  public void cut() {
    cut = true;
    for (Socket socket : live) {
      closeQuietly(socket);
    }
  }

  /** Relays new connections again. */
  public void restore() {
    cut = false;
  }

  /** Connections relayed so far. */
  public int relayed() {
    return relayed.get();
  }

  /** Connections turned away while cut. */
  public int refused() {
    return refused.get();
  }

  @Override
  public void close() {
    cut();
    closeQuietly(server);
  }

  private void accept() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException closed) {
        return;
      }
      if (cut) {
        refused.incrementAndGet();
        closeQuietly(client);
        continue;
      }
      Socket upstream = new Socket();
      try {
        upstream.connect(target, 5_000);
      } catch (IOException e) {
        closeQuietly(client);
        closeQuietly(upstream);
        continue;
      }
      live.add(client);
      live.add(upstream);
      if (cut) { // cut while this one was being connected
        closeQuietly(client);
        closeQuietly(upstream);
      }
      relayed.incrementAndGet();
      daemon("tcp-proxy-up", () -> pump(client, upstream)).start();
      daemon("tcp-proxy-down", () -> pump(upstream, client)).start();
    }
  }

  /** Copies one direction until either side ends, then closes both. */
  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException ended) {
      // either side went away, or the connection was cut
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      live.remove(from);
      live.remove(to);
    }
  }

  private static Thread daemon(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }

  private static void closeQuietly(java.io.Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException ignored) {
      // closing is all we want
    }
  }
}
