package dev.rotor.http;

import dev.rotor.problems.ProblemException;
import jakarta.annotation.Priority;
import jakarta.json.Json;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * A JSON request body is parsed whole, once, before JSON-B binds it: anything that is not complete
 * JSON is the client's 400 here. JSON-B (Yasson) skips a property the target type does not have
 * with Parsson's {@code skipObject}/{@code skipArray}, which loop forever when the input ends
 * inside the skipped value (eclipse-ee4j/parsson#23): an unknown property whose object was cut
 * short before its closing brace pinned a request thread at full CPU for good, and the client
 * waited for an answer that never came. The body is already bounded by {@link BodySizeLimit}.
 */
@Provider
@Priority(Priorities.ENTITY_CODER)
public class CompleteJson implements ReaderInterceptor {

  @Override
  public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
    if (isJson(context.getMediaType())) {
      byte[] body = context.getInputStream().readAllBytes();
      if (body.length > 0 && !new String(body, StandardCharsets.ISO_8859_1).isBlank()) {
        check(body, RequestCharset.of(context.getMediaType()));
      }
      context.setInputStream(new ByteArrayInputStream(body));
    }
    return context.proceed();
  }

  /** Made once: {@code Json.createReader} looks the JSON-P provider up again on every call. */
  private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

  static void check(byte[] body, Charset charset) {
    JsonValue value;
    try (var reader =
        READERS.createReader(new InputStreamReader(new ByteArrayInputStream(body), charset))) {
      value = reader.readValue();
    } catch (RuntimeException e) {
      // JsonException for bad syntax or an early end, a bare RuntimeException past the depth.
      throw new ProblemException(
          400, "Bad Request", "The request body is not valid JSON for this endpoint.");
    }
    if (holdsNul(value)) {
      throw new ProblemException(
          400, "Bad Request", "The request body has a NUL character (\\u0000) in a string.");
    }
  }

  /**
   * Whether a string in the value, a name or a value, holds a NUL: no field of Rotor's means one,
   * and PostgreSQL answers one in a query parameter with an error (a login as {@code "a\\u0000b"}
   * was a 500). A walk with its own stack, not a recursion: the parser allows 1,000 levels, and a
   * recursion through streams overflowed a request thread's stack at about 900 nested objects.
   */
  static boolean holdsNul(JsonValue value) {
    Deque<JsonValue> pending = new ArrayDeque<>();
    pending.push(value);
    while (!pending.isEmpty()) {
      JsonValue next = pending.pop();
      switch (next.getValueType()) {
        case STRING -> {
          if (((JsonString) next).getString().indexOf('\0') >= 0) {
            return true;
          }
        }
        case OBJECT -> {
          for (Map.Entry<String, JsonValue> member : next.asJsonObject().entrySet()) {
            if (member.getKey().indexOf('\0') >= 0) {
              return true;
            }
            pending.push(member.getValue());
          }
        }
        case ARRAY -> next.asJsonArray().forEach(pending::push);
        default -> {
          // numbers, booleans and null hold no text
        }
      }
    }
    return false;
  }

  static boolean isJson(MediaType type) {
    return type != null
        && "application".equalsIgnoreCase(type.getType())
        && (type.getSubtype().equalsIgnoreCase("json")
            || type.getSubtype().toLowerCase(java.util.Locale.ROOT).endsWith("+json"));
  }
}
