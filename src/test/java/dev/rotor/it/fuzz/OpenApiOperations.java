package dev.rotor.it.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The operations of the OpenAPI document that ships in the WAR ({@code META-INF/openapi.yaml}, read
 * from the class path, not from the server's {@code /openapi}, which is closed by default): method,
 * path, request body, security, and the form its errors take, as the document says it.
 */
public final class OpenApiOperations {

  public static final String DOCUMENT = "META-INF/openapi.yaml";

  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

  private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");

  /** How an operation answers client errors, as its documented 4xx responses say. */
  public enum ErrorFormat {
    /** RFC 9457 problem details ({@code #/components/responses/Problem}). */
    PROBLEM,
    /** RFC 6749 error JSON ({@code #/components/responses/OAuthError}). */
    OAUTH,
    /** An HTML page (a response described as a page or {@code text/html}). */
    PAGE,
    /** A protected resource's RFC 6750 challenge in {@code WWW-Authenticate}. */
    BEARER_CHALLENGE
  }

  /** A JSON request body's properties: name to schema type ({@code string}, {@code array}...). */
  public record Operation(
      String method,
      String path,
      String requestMediaType,
      Map<String, String> bodyProperties,
      List<String> requiredProperties,
      boolean bearer,
      Map<String, String> responses,
      ErrorFormat errorFormat) {

    /** "PATCH /admin/users/{id}". */
    public String key() {
      return method + " " + path;
    }

    public List<String> pathParameters() {
      List<String> names = new ArrayList<>();
      Matcher m = PATH_PARAMETER.matcher(path);
      while (m.find()) {
        names.add(m.group(1));
      }
      return names;
    }

    public boolean takesJson() {
      return requestMediaType != null && requestMediaType.contains("json");
    }

    public boolean takesForm() {
      return "application/x-www-form-urlencoded".equals(requestMediaType);
    }

    /** The statuses the document lists for this operation. */
    public Set<Integer> documentedStatuses() {
      Set<Integer> statuses = new java.util.TreeSet<>();
      responses.keySet().forEach(s -> statuses.add(Integer.parseInt(s)));
      return statuses;
    }

    @Override
    public String toString() {
      return key();
    }
  }

  private OpenApiOperations() {}

  /** Every operation of the shipped document, in document order. */
  public static List<Operation> shipped() {
    try (InputStream in = OpenApiOperations.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
      if (in == null) {
        throw new IllegalStateException(DOCUMENT + " is not on the class path");
      }
      return parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static List<Operation> parse(InputStream yaml) {
    Map<String, Object> document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    Map<String, Object> paths = (Map<String, Object>) document.get("paths");
    List<Operation> operations = new ArrayList<>();
    for (var path : paths.entrySet()) {
      Map<String, Object> item = (Map<String, Object>) path.getValue();
      for (var entry : item.entrySet()) {
        if (!METHODS.contains(entry.getKey())) {
          continue;
        }
        Map<String, Object> op = (Map<String, Object>) entry.getValue();
        String mediaType = null;
        Map<String, String> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        Map<String, Object> body = (Map<String, Object>) op.get("requestBody");
        if (body != null) {
          Map<String, Object> content = (Map<String, Object>) body.get("content");
          mediaType = content.keySet().iterator().next();
          Map<String, Object> schema =
              resolve(
                  document,
                  (Map<String, Object>)
                      ((Map<String, Object>) content.get(mediaType)).get("schema"));
          Map<String, Object> props = (Map<String, Object>) schema.get("properties");
          if (props != null) {
            props.forEach(
                (name, s) ->
                    properties.put(
                        name,
                        String.valueOf(resolve(document, (Map<String, Object>) s).get("type"))));
          }
          if (schema.get("required") instanceof List<?> names) {
            names.forEach(n -> required.add(String.valueOf(n)));
          }
        }
        Map<String, String> responses = new TreeMap<>();
        Map<String, Object> documented = (Map<String, Object>) op.get("responses");
        documented.forEach(
            (status, response) -> responses.put(String.valueOf(status), describe(response)));
        operations.add(
            new Operation(
                entry.getKey().toUpperCase(Locale.ROOT),
                path.getKey(),
                mediaType,
                properties,
                required,
                op.get("security") != null,
                responses,
                errorFormat(responses)));
      }
    }
    return operations;
  }

  /** A response as one line: its {@code $ref}, or its description and content types. */
  @SuppressWarnings("unchecked")
  private static String describe(Object response) {
    Map<String, Object> r = (Map<String, Object>) response;
    if (r.get("$ref") != null) {
      return String.valueOf(r.get("$ref"));
    }
    Object content = r.get("content");
    return r.get("description") + (content == null ? "" : " " + ((Map<?, ?>) content).keySet());
  }

  private static ErrorFormat errorFormat(Map<String, String> responses) {
    if (responses.entrySet().stream()
        .anyMatch(r -> r.getKey().startsWith("4") && r.getValue().endsWith("/OAuthError"))) {
      return ErrorFormat.OAUTH;
    }
    if (responses.values().stream().anyMatch(r -> r.contains("text/html") || r.contains("page"))) {
      return ErrorFormat.PAGE;
    }
    if (responses.entrySet().stream()
        .anyMatch(
            r ->
                r.getKey().startsWith("4")
                    && (r.getValue().startsWith("#/components/responses/Bearer")
                        || r.getValue().contains("token")))) {
      return ErrorFormat.BEARER_CHALLENGE;
    }
    return ErrorFormat.PROBLEM;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> resolve(Map<String, Object> document, Map<String, Object> s) {
    Map<String, Object> schema = s;
    while (schema.get("$ref") instanceof String ref) {
      Object node = document;
      for (String part : ref.substring(2).split("/")) {
        node = ((Map<String, Object>) node).get(part);
      }
      schema = (Map<String, Object>) node;
    }
    return schema;
  }
}
