package dev.rotor.it.support;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests that java.net.http will not send (a raw {@code %00} in
 * the path, headers of any size): the request goes byte for byte as given, with {@code Connection:
 * close}, and the answer is read to the end.
 */
public final class RawHttp {

  private final URI base;

  private final String localAddress;

  public RawHttp(URI base, String localAddress) {
    this.base = base;
    this.localAddress = localAddress;
  }

  /** The suite's server. */
  public static RawHttp suite() {
    return new RawHttp(URI.create(ItServer.ISSUER), null);
  }

  /**
   * The suite's server, connecting from another loopback address (Linux routes all of 127/8 to
   * loopback), such as {@link ItServer#TRUSTED_PROXY}.
   */
  public static RawHttp suiteFrom(String localAddress) {
    return new RawHttp(URI.create(ItServer.ISSUER), localAddress);
  }

  /** An HTTP answer: status, headers (names lower-cased, last one wins) and the body as text. */
  public record Reply(int status, Map<String, String> headers, String body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public Map<String, Object> json() {
      try {
        return JSONObjectUtils.parse(body);
      } catch (ParseException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  /**
   * Sends {@code method target} with the given header lines (each {@code "Name: value"}, no CRLF)
   * and body (may be null).
   */
  public Reply send(String method, String target, String body, String... headerLines) {
    StringBuilder request = new StringBuilder();
    request.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    request.append("Host: ").append(base.getHost()).append(':').append(base.getPort());
    request.append("\r\n");
    for (String line : headerLines) {
      request.append(line).append("\r\n");
    }
    byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    if (body != null) {
      request.append("Content-Length: ").append(content.length).append("\r\n");
    }
    request.append("Connection: close\r\n\r\n");
    try (Socket socket = new Socket()) {
      if (localAddress != null) {
        socket.bind(new InetSocketAddress(localAddress, 0));
      }
      socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
      socket.setSoTimeout(30_000);
      var out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(content);
      out.flush();
      return parse(socket.getInputStream().readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Reply parse(byte[] raw) throws IOException {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      throw new IOException("no complete HTTP answer: " + text);
    }
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ", 3)[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).trim());
    }
    byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = dechunk(new java.io.ByteArrayInputStream(body));
    }
    return new Reply(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  private static byte[] dechunk(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      StringBuilder size = new StringBuilder();
      int c;
      while ((c = in.read()) != -1 && c != '\n') {
        if (c != '\r') {
          size.append((char) c);
        }
      }
      int semicolon = size.indexOf(";");
      String hex = (semicolon < 0 ? size.toString() : size.substring(0, semicolon)).trim();
      if (hex.isEmpty()) {
        return out.toByteArray();
      }
      int length = Integer.parseInt(hex, 16);
      if (length == 0) {
        return out.toByteArray();
      }
      out.write(in.readNBytes(length));
      in.readNBytes(2);
    }
  }
}
