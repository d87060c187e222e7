package dev.rotor.it.fuzz;

import dev.rotor.it.fuzz.FuzzHttp.Framing;
import dev.rotor.it.fuzz.OpenApiOperations.Operation;
import dev.rotor.it.support.ItServer;
import dev.rotor.it.support.OAuthClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/** Builds the cases of one operation. */
final class Generator {

  /** The authorization request's parameters, which the forms and queries both carry. */
  static final List<String> SIGN_IN_PARAMETERS =
      List.of(
          "state",
          "nonce",
          "code_challenge",
          "code_challenge_method",
          "prompt",
          "max_age",
          "login_hint",
          "post_logout_redirect_uri");

  /** The form fields the cases send, known and unknown to each endpoint. */
  static final List<String> FORM_FIELDS =
      Stream.concat(
              Stream.of(
                  "grant_type",
                  "code",
                  "redirect_uri",
                  "code_verifier",
                  "refresh_token",
                  "scope",
                  "client_id",
                  "client_secret",
                  "client_assertion_type",
                  "client_assertion",
                  "token",
                  "token_type_hint",
                  "action",
                  "username",
                  "password",
                  "csrf_token",
                  "decision",
                  "response_type"),
              SIGN_IN_PARAMETERS.stream())
          .toList();

  /** The query parameters the cases send. */
  static final List<String> QUERY_NAMES =
      Stream.concat(
              Stream.of(
                  "q",
                  "page",
                  "size",
                  "type",
                  "user",
                  "from",
                  "to",
                  "response_type",
                  "client_id",
                  "redirect_uri",
                  "scope"),
              SIGN_IN_PARAMETERS.stream())
          .toList();

  final Operation op;
  final FuzzInputs in;
  final Fixtures fx;
  final String address;
  final List<String[]> headers = new ArrayList<>();
  String refreshToken;
  String refreshClient;
  String target;
  String newPassword;
  String bearer;
  boolean admin;

  /** Successful admin calls that would pile up (signing keys, purges): a few are enough. */
  static final Map<String, Integer> ADMIN_BUDGET =
      Map.of("POST /admin/keys/rotate", 2, "POST /admin/purge", 3);

  Generator(Operation op, FuzzInputs in, Fixtures fx, String address) {
    this.op = op;
    this.in = in;
    this.fx = fx;
    this.address = address;
  }

  Case next(int index) {
    authorization();
    String target = op.path();
    for (String name : op.pathParameters()) {
      target = target.replace("{" + name + "}", pathParameter());
    }
    if (in.chance(0.03)) {
      target += in.oneOf("/", ";jsessionid=x", ";a=b", "//");
    }
    target += query();
    byte[] body = null;
    Framing framing = Framing.NONE;
    if (op.takesJson()) {
      body = jsonBody();
    } else if (op.takesForm()) {
      body = formBody();
    } else if (in.chance(0.25)) {
      body = strayBody();
    }
    if (body != null) {
      framing = in.chance(0.1) ? Framing.CHUNKED : Framing.LENGTH;
    } else if (in.chance(0.05)) {
      body = new byte[0];
      framing = Framing.LENGTH;
    }
    contentType(body);
    extraHeaders();
    // The client's address as our proxy saw it: the last X-Forwarded-For line, always ours.
    headers.add(new String[] {"X-Forwarded-For", address});
    return new Case(
        new FuzzHttp.Request(op.method(), target, List.copyOf(headers), body, framing),
        refreshToken,
        refreshClient,
        this.target,
        newPassword);
  }

  private void authorization() {
    String budgetKey = op.key();
    boolean adminAllowed =
        !ADMIN_BUDGET.containsKey(budgetKey)
            || fx.adminSpent.getOrDefault(budgetKey, 0) < ADMIN_BUDGET.get(budgetKey);
    String value =
        switch (in.random().nextInt(op.bearer() ? 12 : 16)) {
          case 0, 1, 2 -> null;
          case 3, 4 -> "Bearer " + (bearer = fx.userToken);
          case 5, 6 -> {
            if (!adminAllowed) {
              yield null;
            }
            if (ADMIN_BUDGET.containsKey(budgetKey)) {
              fx.adminSpent.merge(budgetKey, 1, Integer::sum);
            }
            admin = true;
            yield "Bearer " + (bearer = fx.adminToken);
          }
          case 7 -> "Bearer " + in.oneOf(new ArrayList<>(fx.forged.values()));
          case 8 -> junkBearer();
          case 9 -> in.oneOf("Bearer", "Bearer ", "bearer " + fx.userToken, "Token x", "Basic");
          case 10 -> OAuthClient.basic(ItServer.SERVICE, ItServer.SERVICE_SECRET);
          case 11 -> OAuthClient.basic(ItServer.ORDERS_SERVICE, ItServer.ORDERS_SERVICE_SECRET);
          case 12 -> OAuthClient.basic(ItServer.SERVICE, "wrong secret");
          case 13 -> "Basic " + in.oneOf("!!!", "", "Og==", b64("no-colon"), b64(":"));
          case 14 -> OAuthClient.basic(in.string(), in.string());
          default -> null;
        };
    if (value != null) {
      headers.add(new String[] {"Authorization", latin1(value)});
    }
  }

  private String junkBearer() {
    return "Bearer "
        + in.anyOf(
            () -> in.alphanumeric(in.between(1, 100)),
            () -> "a.b.c",
            () -> "eyJhbGciOiJub25lIn0." + b64("{\"sub\":\"x\",\"groups\":[\"admin\"]}") + ".",
            () -> fx.userToken.substring(0, fx.userToken.length() - 3) + "abc",
            () -> fx.userToken + "." + fx.userToken,
            () -> in.alphanumeric(7000),
            () -> latin1(in.string()));
  }

  private static String b64(String s) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  /** Header values are bytes: a character beyond Latin-1 goes as '?'. */
  private static String latin1(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char ch : s.toCharArray()) {
      out.append(ch == '\r' || ch == '\n' || (ch < 0x20 && ch != '\t') || ch > 0xff ? '?' : ch);
    }
    return out.toString();
  }

  private String pathParameter() {
    return switch (in.random().nextInt(10)) {
      case 0, 1, 2 -> {
        String id =
            op.path().startsWith("/sessions")
                ? fx.userSession
                : in.chance(0.15) && op.method().equals("PATCH")
                    ? fx.admin.id()
                    : in.oneOf(fx.victims).id();
        target = id;
        yield id;
      }
      case 3 -> UUID.randomUUID().toString();
      case 4 -> in.oneOf("%00", "%5C", "a%00b", "%2e%2e", "..", ".", "%2F", "a%2Fb", "%25");
      case 5 -> "x".repeat(in.between(300, 6000));
      case 6 -> FuzzInputs.percentEncode(in.unicode(in.between(1, 20)));
      case 7 -> in.oneOf("%", "%ZZ", "%C3%28", "%E2%98%83", "%F0%9F%92%A9", "%FF", "null", "-1");
      case 8 -> FuzzInputs.percentEncode(in.string());
      default ->
          in.oneOf(
              "'", "%22", "%3Cscript%3E", "*", "~", "@", "+", "!", "$", "(", ")", ",", ":", "=");
    };
  }

  private String query() {
    if (op.path().equals("/oauth2/authorize") && op.method().equals("GET") && in.chance(0.5)) {
      return "?" + authorizationRequest("&");
    }
    if (!in.chance(0.45)) {
      return "";
    }
    List<String> params = new ArrayList<>();
    for (int i = in.between(1, 5); i > 0; i--) {
      String name = in.chance(0.85) ? in.oneOf(QUERY_NAMES) : FuzzInputs.percentEncode(in.string());
      String value =
          switch (in.random().nextInt(6)) {
            case 0 ->
                in.oneOf(
                    "-1",
                    "0",
                    "1",
                    "201",
                    "2147483648",
                    "99999999999999999999",
                    "1.5",
                    "abc",
                    "",
                    "LOGIN_FAILED",
                    "2026-11-22T10:00:00Z",
                    "2026-13-45T99:99:99Z",
                    "%",
                    "%ZZ",
                    "%00",
                    "%C3%28",
                    "%E2%98%83");
            case 1 -> FuzzInputs.percentEncode(in.string());
            case 2 -> FuzzInputs.percentEncode(in.unicode(in.between(1, 30)));
            case 3 -> "x".repeat(in.between(1000, 5000));
            case 4 -> in.oneOf("a=b", "a&b", "a%26b=c", "+", "%20", "%2B");
            default -> FuzzInputs.percentEncode(in.ascii(in.between(0, 20)));
          };
      params.add(in.chance(0.05) ? name : name + "=" + value);
    }
    return "?" + String.join("&", params);
  }

  /** An authorization request that is right, or nearly: one parameter off, or repeated. */
  private String authorizationRequest(String separator) {
    Map<String, String> p = new LinkedHashMap<>();
    boolean spa = in.chance(0.6);
    p.put("response_type", "code");
    p.put("client_id", spa ? ItServer.SPA : ItServer.PARTNER);
    p.put("redirect_uri", spa ? ItServer.SPA_REDIRECT : ItServer.PARTNER_REDIRECT);
    p.put("scope", "openid profile");
    p.put("state", in.alphanumeric(12));
    p.put("nonce", in.alphanumeric(12));
    p.put("code_challenge", in.alphanumeric(43));
    p.put("code_challenge_method", "S256");
    if (in.chance(0.3)) {
      p.put("prompt", in.oneOf("none", "login", "consent", "select_account", "none login", ""));
    }
    if (in.chance(0.2)) {
      p.put("max_age", in.oneOf("0", "-1", "abc", "99999999999", "60"));
    }
    if (in.chance(0.7)) {
      String key = in.oneOf(new ArrayList<>(p.keySet()));
      p.put(key, in.chance(0.5) ? in.string() : in.oneOf("", "token", "plain", "S512", "x"));
    }
    List<String> parts = new ArrayList<>();
    p.forEach((k, v) -> parts.add(k + "=" + FuzzInputs.percentEncode(v)));
    if (in.chance(0.1)) {
      parts.add(in.oneOf(parts));
    }
    return String.join(separator, parts);
  }

  // JSON bodies

  private byte[] jsonBody() {
    int kind = in.random().nextInt(20);
    String text =
        switch (kind) {
          case 0 -> in.oneOf("\"x\"", "[]", "[1]", "null", "12", "true", "", " ", "{}", "[{}]");
          case 1 -> in.deepJson();
          case 2 -> truncate(shapedObject());
          case 3 -> shapedObject() + in.oneOf("}", "]", ",", "x", " {}", "\u0000");
          case 4 -> "{\"" + in.oneOf(new ArrayList<>(fieldsOrAny())) + "\": " + in.deepJson() + "}";
          case 5 ->
              "{"
                  + quote(in.oneOf(new ArrayList<>(fieldsOrAny())))
                  + ":"
                  + quote("x".repeat(in.between(16_000, 40_000)))
                  + "}";
          case 6 -> in.jsonValue(0);
          case 7 -> in.oneOf("{'username': 'x'}", "{username: 1}", "{\"a\":NaN}", "{\"a\":01}");
          case 8 -> in.oneOf("<xml/>", "username=a&password=b", "not json at all", "\u0000");
          case 9 -> "{\"a\":1 /* comment */}";
          default -> shapedObject();
        };
    if (kind == 10 || kind == 11) {
      return in.withInvalidUtf8(text);
    }
    if (kind == 12) {
      return in.bytes(in.between(1, 300));
    }
    if (kind == 13 && in.chance(0.5)) {
      return ("\ufeff" + text).getBytes(StandardCharsets.UTF_8);
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private java.util.Collection<String> fieldsOrAny() {
    return op.bodyProperties().isEmpty() ? List.of("a") : op.bodyProperties().keySet();
  }

  private String truncate(String json) {
    return json.isEmpty() ? json : json.substring(0, in.random().nextInt(json.length()));
  }

  private static String quote(String s) {
    return FuzzInputs.quote(s);
  }

  /** An object with the documented properties, each right, wrong or missing, plus extras. */
  private String shapedObject() {
    List<String> fields = new ArrayList<>();
    for (var property : op.bodyProperties().entrySet()) {
      if (in.chance(0.12)) {
        continue;
      }
      String name = property.getKey();
      String value = in.chance(0.75) ? fitting(name, property.getValue()) : in.jsonValue(1);
      fields.add(quote(name) + ":" + value);
      if (in.chance(0.03)) {
        fields.add(quote(name) + ":" + in.jsonValue(1)); // repeated key
      }
    }
    if (in.chance(0.15)) {
      fields.add(quote(in.string()) + ":" + in.jsonValue(1));
    }
    java.util.Collections.shuffle(fields, in.random());
    return "{" + String.join(",", fields) + "}";
  }

  /** A value that means something for this property: fixture names, tokens, passwords. */
  private String fitting(String name, String type) {
    switch (name) {
      case "username" -> {
        return quote(
            in.anyOf(
                () -> "fuzz-" + in.alphanumeric(8),
                () -> fx.target.username(),
                () -> in.oneOf(fx.victims).username(),
                () -> "nobody-" + in.alphanumeric(6),
                () -> in.string()));
      }
      case "password", "current_password" -> {
        return quote(
            in.anyOf(
                () ->
                    op.key().equals("PUT /users/me/password")
                        ? fx.user.password()
                        : fx.target.password(),
                () -> "fuzzing passphrase " + in.alphanumeric(10),
                () -> "password123",
                () -> in.string()));
      }
      case "new_password" -> {
        String next = in.chance(0.5) ? "fuzzing passphrase " + in.alphanumeric(10) : in.string();
        newPassword = next;
        return quote(next);
      }
      case "refresh_token" -> {
        if (in.chance(0.4)) {
          refreshClient = ClientIds.FIRST_PARTY;
          refreshToken = fx.takeRefreshToken(refreshClient);
          if (refreshToken != null) {
            return quote(refreshToken);
          }
        }
        return quote(in.oneOf(in.alphanumeric(43), in.string(), "y".repeat(600)));
      }
      case "roles" -> {
        return in.oneOf(
            "[\"user\"]",
            "[\"user\",\"admin\"]",
            "[\"admin\"]",
            "[]",
            "[\"root\"]",
            "[null]",
            "[1]",
            "\"admin\"",
            "[\"user\",\"user\"]");
      }
      case "enabled" -> {
        return in.oneOf("true", "false", "\"false\"", "0", "null");
      }
      case "client_id" -> {
        return quote(
            in.oneOf(
                ItServer.SERVICE,
                ItServer.PUBLIC_CLIENT,
                ItServer.PARTNER,
                ClientIds.FIRST_PARTY,
                in.string()));
      }
      case "client_secret" -> {
        return quote(in.oneOf(ItServer.SERVICE_SECRET, "wrong", in.string()));
      }
      default -> {
        return type.equals("array")
            ? "[" + quote(in.string()) + "]"
            : type.equals("boolean") ? "true" : quote(in.string());
      }
    }
  }

  // Form bodies

  private byte[] formBody() {
    int kind = in.random().nextInt(14);
    String text =
        switch (kind) {
          case 0 -> in.oneOf("%", "%ZZ", "a=%C3%28", "==", "&&&", "a", "=x", "a=1&a=2", "");
          case 1 -> "{\"token\": \"x\", \"grant_type\": \"refresh_token\"}";
          case 2 -> "token=" + "x".repeat(in.between(16_500, 30_000));
          case 3 -> in.deepJson();
          case 4 -> in.jsonValue(0);
          default -> shapedForm();
        };
    if (kind == 5) {
      return in.withInvalidUtf8(text);
    }
    if (kind == 6) {
      return in.bytes(in.between(1, 300));
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Sometimes a client assertion (private_key_jwt): never one that verifies. */
  private void assertion(Map<String, String> f) {
    if (!in.chance(0.2)) {
      return;
    }
    f.put(
        "client_assertion_type",
        in.oneOf("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", "", in.string()));
    f.put(
        "client_assertion",
        in.oneOf(
            in.string(),
            // alg none, then an RS256 header over claims naming a configured client, unsigned
            "eyJhbGciOiJub25lIn0.eyJpc3MiOiJpdC1zZXJ2aWNlIiwic3ViIjoiaXQtc2VydmljZSJ9.",
            "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJpdC1zZXJ2aWNlIiwic3ViIjoiaXQtc2VydmljZSJ9.c2ln",
            "a.b.c"));
  }

  /** The fields this endpoint reads, each right, odd, blank or repeated. */
  private String shapedForm() {
    Map<String, String> f = new LinkedHashMap<>();
    switch (op.path()) {
      case "/oauth2/token" -> {
        f.put(
            "grant_type",
            in.oneOf("refresh_token", "authorization_code", "client_credentials", "password", ""));
        refreshClient = in.oneOf(ItServer.PUBLIC_CLIENT, ItServer.SERVICE);
        if (in.chance(0.5)) {
          f.put("client_id", refreshClient);
        }
        if (refreshClient.equals(ItServer.SERVICE) && in.chance(0.5)) {
          f.put("client_secret", in.chance(0.8) ? ItServer.SERVICE_SECRET : in.string());
        }
        token("refresh_token", f);
        if (in.chance(0.3)) {
          f.put("scope", in.oneOf("profile", "openid", "admin", "", "profile email"));
        }
        assertion(f);
        if (in.chance(0.3)) {
          f.put("code", in.alphanumeric(43));
          f.put("redirect_uri", ItServer.SPA_REDIRECT);
          f.put("code_verifier", in.alphanumeric(in.between(1, 130)));
        }
      }
      case "/oauth2/revoke", "/oauth2/introspect" -> {
        String client = in.oneOf(ItServer.PUBLIC_CLIENT, ItServer.SERVICE);
        refreshClient = client;
        token("token", f); // forgets refreshClient unless it took a refresh token
        if (in.chance(0.4)) {
          f.put("client_id", in.oneOf(client, ItServer.ORDERS_SERVICE, in.string()));
        }
        if (in.chance(0.3)) {
          f.put("client_secret", in.oneOf(ItServer.SERVICE_SECRET, in.string()));
        }
        if (in.chance(0.3)) {
          f.put("token_type_hint", in.oneOf("refresh_token", "access_token", "x", ""));
        }
        assertion(f);
      }
      case "/oauth2/authorize" -> {
        boolean minted = in.chance(0.7);
        String csrf = minted ? fx.csrfCookie : in.alphanumeric(43);
        if (in.chance(0.8)) {
          headers.add(new String[] {"Cookie", "rotor_csrf=" + csrf});
        }
        f.put(
            "csrf_token",
            in.chance(0.8) ? (minted ? fx.csrfToken : csrf) : in.oneOf(csrf, in.string()));
        f.put("action", in.oneOf("login", "login", "consent", "", "x"));
        f.put(
            "username",
            in.oneOf(fx.target.username(), "nobody-" + in.alphanumeric(6), in.string()));
        f.put("password", in.oneOf(fx.target.password(), "wrong passphrase", in.string()));
        f.put("decision", in.oneOf("allow", "deny", ""));
        for (String pair : authorizationRequest("\n").split("\n")) {
          String[] kv = pair.split("=", 2);
          f.put(kv[0], java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
      }
      default -> {
        for (int i = in.between(0, 4); i > 0; i--) {
          f.put(in.oneOf(FORM_FIELDS), in.string());
        }
      }
    }
    List<String> parts = new ArrayList<>();
    f.forEach(
        (k, v) -> {
          if (!in.chance(0.08)) {
            String value = in.chance(0.1) ? in.string() : v;
            parts.add(k + "=" + FuzzInputs.percentEncode(value));
          }
        });
    if (in.chance(0.1)) {
      parts.add(in.oneOf(FORM_FIELDS) + "=" + FuzzInputs.percentEncode(in.string()));
    }
    if (in.chance(0.05) && !parts.isEmpty()) {
      parts.add(in.oneOf(parts)); // repeated
    }
    java.util.Collections.shuffle(parts, in.random());
    return String.join("&", parts);
  }

  private void token(String field, Map<String, String> f) {
    if (in.chance(0.4)) {
      refreshToken = fx.takeRefreshToken(refreshClient);
      if (refreshToken != null) {
        f.put(field, refreshToken);
        return;
      }
    }
    f.put(
        field,
        in.anyOf(
            () -> fx.userToken,
            () -> in.oneOf(new ArrayList<>(fx.forged.values())),
            () -> in.alphanumeric(43),
            () -> in.string()));
    refreshClient = refreshToken == null ? null : refreshClient;
  }

  /** A body where the document has none: JSON, a form, bytes. */
  private byte[] strayBody() {
    return switch (in.random().nextInt(5)) {
      case 0 -> in.jsonValue(0).getBytes(StandardCharsets.UTF_8);
      case 1 ->
          ("csrf_token=" + in.alphanumeric(43) + "&" + in.oneOf(FORM_FIELDS) + "=x")
              .getBytes(StandardCharsets.UTF_8);
      case 2 -> in.bytes(in.between(1, 500));
      case 3 -> "x".repeat(in.between(16_500, 20_000)).getBytes(StandardCharsets.UTF_8);
      default -> in.deepJson().getBytes(StandardCharsets.UTF_8);
    };
  }

  private void contentType(byte[] body) {
    String right =
        op.takesJson()
            ? "application/json"
            : op.takesForm() ? "application/x-www-form-urlencoded" : null;
    String value;
    if (body == null && right == null) {
      value = in.chance(0.1) ? in.oneOf("application/json", "text/plain", "x") : null;
    } else if (in.chance(0.7)) {
      value =
          right != null ? right : in.oneOf("application/json", "application/x-www-form-urlencoded");
    } else {
      value =
          in.oneOf(
              "text/plain",
              "application/xml",
              "application/json",
              "application/x-www-form-urlencoded",
              "application/json; charset=no-such-charset",
              "application/x-www-form-urlencoded; charset=\"",
              "application/json; charset=ISO-8859-1",
              "application/x-www-form-urlencoded; charset=UTF-16",
              "application/merge-patch+json",
              "multipart/form-data; boundary=x",
              "not a media type",
              "*/*",
              "",
              "application/json;;;",
              "application/json; charset=utf-8; charset=latin1");
    }
    if (value != null) {
      headers.add(new String[] {"Content-Type", value});
    }
  }

  private void extraHeaders() {
    if (in.chance(0.3)) {
      headers.add(
          new String[] {
            "Accept",
            in.oneOf(
                "application/json",
                "*/*",
                "text/html",
                "application/xml",
                "application/problem+json",
                "",
                "garbage;;q=x",
                "text/*;q=0",
                "application/json;q=0")
          });
    }
    if (in.chance(0.15)) {
      headers.add(new String[] {"User-Agent", in.headerValue(in.between(1, 3000))});
    }
    if (in.chance(0.1)) {
      // An earlier hop's claim: whatever it says, the last line (ours) decides.
      headers.add(
          new String[] {
            "X-Forwarded-For",
            in.oneOf(
                "127.0.0.1", "unknown", "::1, 10.0.0.1", "", "1.2.3.4, , ,", in.headerValue(60))
          });
    }
    if (in.chance(0.1)) {
      headers.add(
          new String[] {
            "Cookie",
            in.oneOf(
                "rotor_sso=" + in.alphanumeric(43),
                "rotor_csrf=" + in.alphanumeric(43),
                "rotor_sso=; rotor_csrf=",
                "JSESSIONID=x",
                latin1(in.string()))
          });
    }
    if (in.chance(0.05)) {
      headers.add(
          new String[] {
            in.oneOf(
                "X-HTTP-Method-Override",
                "Content-Encoding",
                "Accept-Charset",
                "Accept-Encoding",
                "Origin",
                "Forwarded",
                "X-Forwarded-Host",
                "Range"),
            in.oneOf("DELETE", "gzip", "x", "bytes=0-1", "https://evil.example", "utf-16")
          });
    }
    if (in.chance(0.05)) {
      headers.add(new String[] {"X-" + in.alphanumeric(8), in.headerValue(in.between(0, 200))});
    }
    int oversize = in.random().nextInt(40);
    if (oversize == 0) {
      headers.add(new String[] {"X-Padding", "a".repeat(in.between(8_300, 60_000))});
    } else if (oversize == 1) {
      for (int i = in.between(101, 150); i > 0; i--) {
        headers.add(new String[] {"X-Field-" + i, String.valueOf(i)});
      }
    } else if (oversize == 2 && in.chance(0.3)) {
      headers.add(new String[] {"X-Padding", "a".repeat(in.between(70_000, 90_000))});
    }
  }
}
