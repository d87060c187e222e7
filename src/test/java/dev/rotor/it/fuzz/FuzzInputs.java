package dev.rotor.it.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Random, boundary and malformed values for the fuzz test, all drawn from one seeded {@link
 * Random}: the same seed gives the same values.
 */
public final class FuzzInputs {

  /** Strings that have broken parsers, databases, templates and loggers before. */
  static final List<String> NASTY =
      List.of(
          "",
          " ",
          "\t",
          "null",
          "true",
          "0",
          "-1",
          "2147483648",
          "9223372036854775808",
          "1e309",
          "NaN",
          "' OR '1'='1' --",
          "\"; DROP TABLE rotor_user; --",
          "%00",
          "%",
          "%ZZ",
          "%C3%28",
          "..",
          "../../../../etc/passwd",
          "..\\..\\windows",
          "<script>alert(1)</script>",
          "${jndi:ldap://127.0.0.1/x}",
          "#{7*7}",
          "{{7*7}}",
          "%s%s%n%x",
          "\\",
          "\\u0000",
          "\u0000",
          "a\u0000b",
          "\u0001\u001f\u007f",
          "\u00e9t\u00e9",
          "\u202etxt.exe",
          "\ufeff",
          "\uffff",
          "\u2603\u2764",
          "\ud83d\udca9",
          "\ud800",
          "Z\u0351\u0352\u0353\u0354",
          "\u0130stanbul",
          "a".repeat(37),
          "a".repeat(65),
          "a".repeat(129),
          "a".repeat(257),
          "a".repeat(1025),
          "00000000-0000-0000-0000-000000000000",
          "admin",
          "user",
          "rotor-app",
          "Bearer",
          "[]",
          "{}",
          "*",
          "%2F",
          "/",
          ";",
          "&",
          "=",
          "?",
          "#");

  private final Random random;

  public FuzzInputs(long seed) {
    this.random = new Random(seed);
  }

  public Random random() {
    return random;
  }

  public boolean chance(double p) {
    return random.nextDouble() < p;
  }

  public int between(int from, int to) {
    return from + random.nextInt(to - from + 1);
  }

  @SafeVarargs
  public final <T> T oneOf(T... values) {
    return values[random.nextInt(values.length)];
  }

  public <T> T oneOf(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** Picks one of the suppliers, and gets its value. */
  @SafeVarargs
  public final <T> T anyOf(Supplier<T>... choices) {
    return choices[random.nextInt(choices.length)].get();
  }

  /** A string of any kind: nasty, random unicode, random ASCII, or long. */
  public String string() {
    return switch (random.nextInt(7)) {
      case 0, 1 -> oneOf(NASTY);
      case 2 -> unicode(between(1, 40));
      case 3 -> ascii(between(1, 60));
      case 4 -> ascii(between(200, 3000));
      // A NUL inside otherwise plain text: PostgreSQL refuses it in any query parameter.
      case 5 -> ascii(between(0, 8)) + "\u0000" + ascii(between(0, 8));
      default -> String.valueOf(random.nextLong());
    };
  }

  public String ascii(int length) {
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append((char) between(0x20, 0x7e));
    }
    return s.toString();
  }

  public String alphanumeric(int length) {
    String chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(chars.charAt(random.nextInt(chars.length())));
    }
    return s.toString();
  }

  /** Code points from every plane, controls and specials included (no lone surrogates). */
  public String unicode(int length) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      int cp =
          switch (random.nextInt(5)) {
            case 0 -> between(0, 0x1f);
            case 1 -> between(0x80, 0x7ff);
            case 2 -> between(0x800, 0xd7ff);
            case 3 -> between(0x10000, 0x10ffff);
            default -> between(0x20, 0x7e);
          };
      s.appendCodePoint(cp);
    }
    return s.toString();
  }

  /** A string as a JSON string literal, escaped as JSON requires. */
  public static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** Any JSON value, possibly nested. */
  public String jsonValue(int depth) {
    int kind = random.nextInt(depth > 3 ? 6 : 8);
    return switch (kind) {
      case 0 -> "null";
      case 1 -> String.valueOf(random.nextBoolean());
      case 2 -> oneOf("0", "-1", "1.5", "1e400", "-0", "123456789012345678901234567890", "2e-400");
      case 3, 4, 5 -> quote(string());
      case 6 -> {
        List<String> items = new ArrayList<>();
        for (int i = between(0, 3); i > 0; i--) {
          items.add(jsonValue(depth + 1));
        }
        yield "[" + String.join(",", items) + "]";
      }
      default -> {
        List<String> fields = new ArrayList<>();
        for (int i = between(0, 3); i > 0; i--) {
          fields.add(quote(string()) + ":" + jsonValue(depth + 1));
        }
        yield "{" + String.join(",", fields) + "}";
      }
    };
  }

  /** JSON nested thousands of levels deep, in arrays or objects, closed or not. */
  public String deepJson() {
    int depth = between(900, 6000);
    boolean closed = random.nextBoolean();
    if (random.nextBoolean()) {
      return "[".repeat(depth) + (closed ? "]".repeat(depth) : "");
    }
    return "{\"a\":".repeat(depth) + "1" + (closed ? "}".repeat(depth) : "");
  }

  /** Bytes that are not UTF-8: lone continuation bytes, overlong forms, surrogates, 0xFF. */
  public byte[] invalidUtf8() {
    return oneOf(
        new byte[] {(byte) 0xC3, 0x28},
        new byte[] {(byte) 0xA0, (byte) 0xA1},
        new byte[] {(byte) 0xE2, 0x28, (byte) 0xA1},
        new byte[] {(byte) 0xF0, 0x28, (byte) 0x8C, (byte) 0xBC},
        new byte[] {(byte) 0xC0, (byte) 0x80},
        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        new byte[] {(byte) 0xFF, (byte) 0xFE},
        new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80});
  }

  /** The text with invalid UTF-8 spliced in at a random place. */
  public byte[] withInvalidUtf8(String text) {
    byte[] valid = text.getBytes(StandardCharsets.UTF_8);
    byte[] bad = invalidUtf8();
    int at = valid.length == 0 ? 0 : random.nextInt(valid.length);
    byte[] out = new byte[valid.length + bad.length];
    System.arraycopy(valid, 0, out, 0, at);
    System.arraycopy(bad, 0, out, at, bad.length);
    System.arraycopy(valid, at, out, at + bad.length, valid.length - at);
    return out;
  }

  public byte[] bytes(int length) {
    byte[] b = new byte[length];
    random.nextBytes(b);
    return b;
  }

  /** Percent-encodes every byte that is not unreserved (RFC 3986). */
  public static String percentEncode(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(String.format("%02X", c));
      }
    }
    return out.toString();
  }

  /** A header value: bytes 0x20-0x7E and obs-text 0x80-0xFF, sent as ISO-8859-1. */
  public String headerValue(int length) {
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(chance(0.1) ? (char) between(0x80, 0xff) : (char) between(0x20, 0x7e));
    }
    return s.toString().trim();
  }
}
