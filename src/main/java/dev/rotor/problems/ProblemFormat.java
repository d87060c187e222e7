package dev.rotor.problems;

import jakarta.enterprise.inject.Vetoed;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code application/problem+json} (RFC 9457), the format of every path no other format owns. A 401
 * carries the {@code Bearer} challenge (RFC 6750 §3) unless the failure names its own. Not a bean:
 * it owns every path, so among the formats components register it would shadow theirs.
 */
@Vetoed
public final class ProblemFormat implements ErrorFormat {

  public static final String MEDIA_TYPE = "application/problem+json";

  @Override
  public boolean owns(String path) {
    return true;
  }

  @Override
  public ErrorAnswer render(Failure failure) {
    Map<String, String> headers = new LinkedHashMap<>(failure.headers());
    if (failure.status() == 401 && failure.header("WWW-Authenticate") == null) {
      headers.put("WWW-Authenticate", "Bearer");
    }
    return new ErrorAnswer(failure.status(), MEDIA_TYPE, headers, json(failure));
  }

  static String json(Failure failure) {
    JsonObjectBuilder body =
        Json.createObjectBuilder()
            .add("type", "about:blank")
            .add("title", failure.title())
            .add("status", failure.status());
    if (failure.detail() != null) {
      body.add("detail", failure.detail());
    }
    if (failure.invalidParams() != null) {
      JsonArrayBuilder params = Json.createArrayBuilder();
      failure
          .invalidParams()
          .forEach(
              (name, reason) ->
                  params.add(Json.createObjectBuilder().add("name", name).add("reason", reason)));
      body.add("invalid_params", params);
    }
    return body.build().toString();
  }
}
