package dev.rotor.it.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket for the fuzz test: any method, target, header bytes and body bytes,
 * sent as given (no client library would send a raw {@code %00}, invalid UTF-8 or a body on a GET),
 * from a chosen local address, one connection per request ({@code Connection: close}).
 */
public final class FuzzHttp {

  private final String host;
  private final int port;
  private final String localAddress;

  public FuzzHttp(String host, int port, String localAddress) {
    this.host = host;
    this.port = port;
    this.localAddress = localAddress;
  }

  /** How the body's length is told: as Content-Length, chunked, or not at all (no body). */
  public enum Framing {
    LENGTH,
    CHUNKED,
    NONE
  }

  /** One request, as bytes go on the wire. Header values are sent as ISO-8859-1 bytes. */
  public record Request(
      String method, String target, List<String[]> headers, byte[] body, Framing framing) {

    /** The same request with one more header line. */
    public Request with(String name, String value) {
      List<String[]> more = new ArrayList<>(headers);
      more.add(new String[] {name, value});
      return new Request(method, target, List.copyOf(more), body, framing);
    }

    /** For failure messages: every part, long values cut. */
    public String describe() {
      StringBuilder s = new StringBuilder(method).append(' ').append(cut(target, 2000));
      for (String[] h : headers) {
        s.append("\n  ").append(h[0]).append(": ").append(cut(h[1], 200));
      }
      s.append("\n  [").append(framing).append(", ").append(body == null ? 0 : body.length);
      s.append(" bytes] ");
      if (body != null) {
        s.append(cut(new String(body, StandardCharsets.UTF_8), 300));
      }
      return s.toString();
    }
  }

  /**
   * An answer: status, every header line (names lower-cased), the body as UTF-8 text; and the size
   * in bytes of the request's head as it was sent (request line and header lines, with the ones
   * this client adds), which servers' head limits count.
   */
  public record Reply(
      int status, Map<String, List<String>> headers, String body, int sentHeadBytes) {
    public String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }

    public String describe() {
      return status + " " + headers + "\n  " + cut(body, 600);
    }
  }

  static String cut(String s, int max) {
    return s == null || s.length() <= max
        ? s
        : s.substring(0, max) + "...(" + s.length() + " chars)";
  }

  public Reply send(Request request) {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    write(head, request.method() + " " + request.target() + " HTTP/1.1\r\n");
    write(head, "Host: " + host + ":" + port + "\r\n");
    for (String[] h : request.headers()) {
      write(head, h[0] + ": " + h[1] + "\r\n");
    }
    byte[] body = request.body() == null ? new byte[0] : request.body();
    switch (request.framing()) {
      case LENGTH -> write(head, "Content-Length: " + body.length + "\r\n");
      case CHUNKED -> write(head, "Transfer-Encoding: chunked\r\n");
      case NONE -> body = new byte[0];
    }
    write(head, "Connection: close\r\n\r\n");
    if (request.framing() == Framing.CHUNKED) {
      ByteArrayOutputStream chunked = new ByteArrayOutputStream();
      for (int from = 0; from < body.length; from += 4096) {
        int n = Math.min(4096, body.length - from);
        write(chunked, Integer.toHexString(n) + "\r\n");
        chunked.write(body, from, n);
        write(chunked, "\r\n");
      }
      write(chunked, "0\r\n\r\n");
      body = chunked.toByteArray();
    }
    try (Socket socket = new Socket()) {
      if (localAddress != null) {
        socket.bind(new InetSocketAddress(localAddress, 0));
      }
      socket.connect(new InetSocketAddress(host, port), 10_000);
      socket.setSoTimeout(15_000);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(head.toByteArray());
        out.write(body);
        out.flush();
      } catch (SocketException answeredEarly) {
        // The server may answer (413, 431, 400) and close before it read everything we sent.
      }
      return parse(readAll(socket.getInputStream()), head.size());
    } catch (IOException e) {
      throw new UncheckedIOException("no answer to " + request.describe(), e);
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[16384];
    try {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        all.write(buffer, 0, n);
      }
    } catch (SocketException reset) {
      // A reset after the answer (the server closed with our bytes unread): keep what came.
      if (all.size() == 0) {
        throw reset;
      }
    }
    return all.toByteArray();
  }

  private static void write(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static Reply parse(byte[] raw, int sentHeadBytes) throws IOException {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      throw new IOException("no complete HTTP answer: " + cut(text, 500));
    }
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ", 3)[1]);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers
          .computeIfAbsent(
              lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(lines[i].substring(colon + 1).trim());
    }
    byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
    List<String> encoding = headers.get("transfer-encoding");
    if (encoding != null && encoding.stream().anyMatch("chunked"::equalsIgnoreCase)) {
      body = dechunk(body);
    }
    return new Reply(status, headers, new String(body, StandardCharsets.UTF_8), sentHeadBytes);
  }

  private static byte[] dechunk(byte[] chunked) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    while (at < chunked.length) {
      int lineEnd = indexOf(chunked, at);
      if (lineEnd < 0) {
        break;
      }
      String size = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1);
      int semicolon = size.indexOf(';');
      String hex = (semicolon < 0 ? size : size.substring(0, semicolon)).trim();
      int length = hex.isEmpty() ? 0 : Integer.parseInt(hex, 16);
      if (length == 0) {
        break;
      }
      at = lineEnd + 2;
      out.write(chunked, at, Math.min(length, chunked.length - at));
      at += length + 2;
    }
    return out.toByteArray();
  }

  private static int indexOf(byte[] bytes, int from) {
    for (int i = from; i + 1 < bytes.length; i++) {
      if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
