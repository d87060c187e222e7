package dev.rotor.http;

import dev.rotor.problems.ProblemException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;

/**
 * Reads a request body that must be one JSON object, for the resources that read JSON by hand.
 * Whatever is wrong with it is the client's 400: empty, not JSON, not an object ({@code "x"},
 * {@code [1]}, {@code null}), or nested deeper than the parser allows (Parsson throws a bare
 * RuntimeException past 1,000 levels, which the runtimes' own JSON-P readers let out as a 500).
 */
public final class JsonBodies {

  private JsonBodies() {}

  public static JsonObject object(String body) {
    if (body == null || body.isBlank()) {
      throw new ProblemException(400, "Bad Request", "A JSON object body is required.");
    }
    JsonValue value;
    try (var reader = Json.createReader(new StringReader(body))) {
      value = reader.readValue();
    } catch (RuntimeException e) {
      // Only the parser runs here: JsonException for bad syntax, RuntimeException for depth.
      throw new ProblemException(
          400, "Bad Request", "The request body is not valid JSON for this endpoint.");
    }
    if (!(value instanceof JsonObject object)) {
      throw new ProblemException(400, "Bad Request", "The request body must be a JSON object.");
    }
    return object;
  }
}
