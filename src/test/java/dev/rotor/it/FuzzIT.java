package dev.rotor.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import dev.rotor.it.server.RowChangeRecorder;
import dev.rotor.it.support.Api;
import dev.rotor.it.support.FuzzHttp;
import dev.rotor.it.support.FuzzHttp.Framing;
import dev.rotor.it.support.FuzzInputs;
import dev.rotor.it.support.ItServer;
import dev.rotor.it.support.OpenApiOperations;
import dev.rotor.it.support.OpenApiOperations.ErrorFormat;
import dev.rotor.it.support.OpenApiOperations.Operation;
import dev.rotor.it.support.RotorIT;
import dev.rotor.it.support.Users;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes every operation of the shipped OpenAPI document ({@code META-INF/openapi.yaml}) with at
 * least {@value #DEFAULT_CASES} random, boundary and malformed requests: JSON and form bodies of
 * every shape (wrong types, huge, thousands of levels deep, truncated, invalid UTF-8), wrong
 * content types, bodies where none belongs, odd path and query parameters, odd and oversized
 * headers, with no credentials, junk ones, forged ones, and valid user, admin and client ones.
 *
 * <p>Every answer must be: below 500; carry {@code X-Content-Type-Options: nosniff}; in the
 * operation's documented format (problem details for the API, RFC 6749 error JSON on the OAuth
 * endpoints, a page or a redirect on the browser endpoints, a Bearer challenge on UserInfo); never
 * an empty 4xx, a container page or a stack trace. The documented exceptions are what the server
 * answers before any WAR code runs (docs/platform-notes.md): Payara's bare {@code 400} for a path
 * that decodes to a NUL byte or a backslash, or headers over its listener's limit, and its empty
 * {@code 200} for a malformed path escape; WildFly's bare {@code 400} for a malformed escape
 * anywhere in the request target.
 *
 * <p>A rejected request (4xx) changes no table's row count, with one explicit exception: a request
 * that reaches a password check (login, the browser login form, registration, password change) may
 * add rows to the throttle counters ({@code account_throttle}, {@code address_throttle}) and audit
 * events of the rejection kinds {@code LOGIN_FAILED} and {@code LOGIN_THROTTLED}, and nothing else;
 * that is the brute-force defence at work (docs/security.md). The test WAR counts every table's
 * rows around each case in the server ({@link RowChangeRecorder}), so the check costs no extra
 * round trip; the counts of the cases that changed any are fetched once per operation.
 *
 * <p>The seed is {@code -Drotor.fuzz.seed} (default {@value #DEFAULT_SEED}), logged at the start
 * and quoted in every failure; {@code -Drotor.fuzz.cases} raises the cases per operation and {@code
 * -Drotor.fuzz.only="PATCH /admin/users/{id}"} fuzzes one operation. The fuzz stays out of the
 * other tests' way: its requests come through the trusted proxy ({@link ItServer#TRUSTED_PROXY})
 * for client addresses of its own, so no other test's address budget is spent; it uses only users
 * it made; it never moves the clock.
 */
@RotorIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FuzzIT {

  static final long DEFAULT_SEED = 20261202L;
  static final int DEFAULT_CASES = 200;

  static final long SEED = Long.getLong("rotor.fuzz.seed", DEFAULT_SEED);
  static final int CASES = Integer.getInteger("rotor.fuzz.cases", DEFAULT_CASES);
  static final String ONLY = System.getProperty("rotor.fuzz.only");

  private static final System.Logger LOG = System.getLogger(FuzzIT.class.getName());

  /** The operations that check a password, behind the brute-force defence (docs/security.md). */
  static final Set<String> PASSWORD_CHECKS =
      Set.of(
          "POST /auth/login",
          "POST /auth/register",
          "PUT /users/me/password",
          "POST /oauth2/authorize");

  /** Audit events a rejected password check writes: the defence's record of the refusal. */
  static final Set<String> REJECTION_EVENTS = Set.of("LOGIN_FAILED", "LOGIN_THROTTLED");

  /** Tables the brute-force defence writes on a rejected password check. */
  static final Set<String> THROTTLE_TABLES =
      Set.of("account_throttle", "address_throttle", "trusted_source");

  /** Client errors any operation may answer (docs/errors.md; 431 for oversized headers). */
  static final Set<Integer> GENERAL_ERRORS =
      Set.of(400, 401, 403, 404, 405, 406, 409, 413, 415, 429, 431);

  static final Pattern STACK_TRACE =
      Pattern.compile(
          "(\\bat (java|jakarta|javax|org|com|dev|fish|io|sun|jdk)\\.[\\w$.]+\\()"
              + "|((java|jakarta|javax|org|com|dev|fish|io)\\.[\\w$.]+(Exception|Error)\\b)");

  /** Words of the servers' own error pages. */
  static final List<String> CONTAINER_PAGE =
      List.of("Error report", "Payara Server", "Payara Micro", "WildFly", "Undertow", "Grizzly");

  static final List<String> FORM_FIELDS =
      List.of(
          "grant_type",
          "code",
          "redirect_uri",
          "code_verifier",
          "refresh_token",
          "scope",
          "client_id",
          "client_secret",
          "token",
          "token_type_hint",
          "action",
          "username",
          "password",
          "csrf_token",
          "decision",
          "response_type",
          "state",
          "nonce",
          "code_challenge",
          "code_challenge_method",
          "prompt",
          "max_age",
          "login_hint",
          "post_logout_redirect_uri");

  static final List<String> QUERY_NAMES =
      List.of(
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
          "scope",
          "state",
          "nonce",
          "code_challenge",
          "code_challenge_method",
          "prompt",
          "max_age",
          "login_hint",
          "post_logout_redirect_uri");

  Api api;

  private final List<Operation> operations = OpenApiOperations.shipped();
  private final Map<String, Integer> casesSent = new ConcurrentHashMap<>();
  private Fixtures fixtures;
  private final long started = System.nanoTime();

  Stream<Operation> operations() {
    return operations.stream().filter(o -> ONLY == null || o.key().equals(ONLY));
  }

  @BeforeAll
  void fixtures() throws Exception {
    LOG.log(
        System.Logger.Level.INFO,
        "FuzzIT seed {0} ({1} cases per operation, {2} operations); repeat with"
            + " -Drotor.fuzz.seed={0}",
        String.valueOf(SEED),
        CASES,
        operations.size());
    assertThat(operations).as("operations in " + OpenApiOperations.DOCUMENT).hasSizeGreaterThan(20);
    fixtures = new Fixtures(api);
  }

  /**
   * The row-count check itself: a rejected request that writes is seen. A wrong password writes the
   * throttle counters and a LOGIN_FAILED event; for a password check that is allowed, for any other
   * operation it would be a failure.
   */
  @Test
  void theRowCountCheckSeesARejectedRequestThatWrites() {
    String id = "fuzz-" + fixtures.tag + "-self-check";
    Account account = fixtures.created("fuzz-check-" + fixtures.tag, null); // not locked by cases
    FuzzHttp.Reply reply =
        new FuzzHttp("127.0.0.1", ItServer.PORT, ItServer.TRUSTED_PROXY)
            .send(
                new FuzzHttp.Request(
                    "POST",
                    "/auth/login",
                    List.of(
                        new String[] {"Content-Type", "application/json"},
                        new String[] {"X-Forwarded-For", "198.51.100.250"},
                        new String[] {RowChangeRecorder.HEADER, id}),
                    ("{\"username\":\""
                            + account.username()
                            + "\",\"password\":\"not the passphrase\"}")
                        .getBytes(StandardCharsets.UTF_8),
                    Framing.LENGTH));
    assertThat(reply.status()).as(reply.describe()).isEqualTo(401);
    Map<String, Object> changes = api.get("test/row-changes?prefix=" + id, null).json();
    assertThat(changes).as("row changes recorded around the case").containsKey(id);
    Map<?, ?> change = (Map<?, ?>) changes.get(id);
    RowCounts before = RowCounts.of((Map<?, ?>) change.get("before"));
    RowCounts after = RowCounts.of((Map<?, ?>) change.get("after"));
    assertThat(before.changesBy(after, false))
        .as("for an operation that checks no password")
        .isNotEmpty();
    assertThat(before.changesBy(after, true)).as("for a password check").isEmpty();
  }

  @AfterAll
  void everyOperationGotItsCases() {
    LOG.log(
        System.Logger.Level.INFO,
        "FuzzIT seed {0}: {1} cases in {2} s",
        String.valueOf(SEED),
        casesSent.values().stream().mapToInt(Integer::intValue).sum(),
        (System.nanoTime() - started) / 1_000_000_000);
    if (ONLY != null) {
      return;
    }
    for (Operation operation : operations) {
      assertThat(casesSent.getOrDefault(operation.key(), 0))
          .as("seed %d: cases sent to %s", SEED, operation.key())
          .isGreaterThanOrEqualTo(CASES);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operations")
  void answersEveryCaseInTheDocumentedFormatAndRejectionsStoreNothing(Operation operation) {
    fixtures.freshen();
    FuzzInputs in = new FuzzInputs(SEED * 31 + operation.key().hashCode());
    String address = "198.51.100." + (1 + operations.indexOf(operation));
    FuzzHttp http = new FuzzHttp("127.0.0.1", ItServer.PORT, ItServer.TRUSTED_PROXY);
    List<String> failures = new ArrayList<>();
    Map<Integer, Integer> statuses = new TreeMap<>();
    // Each case is sent with its id; the test WAR counts every table's rows around it
    // (RowChangeRecorder) and keeps the counts of those that changed any.
    String prefix = "fuzz-" + fixtures.tag + "-" + operations.indexOf(operation) + "-";
    Map<String, Sent> rejected = new LinkedHashMap<>();
    long opStarted = System.nanoTime();
    int sent = 0;
    for (int i = 0; i < CASES; i++) {
      Case c = new Generator(operation, in, fixtures, address).next(i);
      String id = prefix + i;
      FuzzHttp.Reply reply = http.send(c.request().with(RowChangeRecorder.HEADER, id));
      sent++;
      statuses.merge(reply.status(), 1, Integer::sum);
      List<String> wrong = check(operation, c, reply);
      if (!wrong.isEmpty()) {
        fail(failures, operation, i, c, reply, wrong);
      }
      if (reply.status() >= 400 && reply.status() < 500) {
        rejected.put(id, new Sent(i, c, reply));
      }
      fixtures.after(operation, c, reply);
    }
    Map<String, Object> changes = api.get("test/row-changes?prefix=" + prefix, null).json();
    for (Map.Entry<String, Sent> r : rejected.entrySet()) {
      if (changes.get(r.getKey()) instanceof Map<?, ?> change) {
        RowCounts before = RowCounts.of((Map<?, ?>) change.get("before"));
        RowCounts after = RowCounts.of((Map<?, ?>) change.get("after"));
        List<String> wrong = before.changesBy(after, PASSWORD_CHECKS.contains(operation.key()));
        if (!wrong.isEmpty()) {
          Sent x = r.getValue();
          fail(failures, operation, x.index(), x.c(), x.reply(), wrong);
        }
      }
    }
    casesSent.merge(operation.key(), sent, Integer::sum);
    LOG.log(
        System.Logger.Level.INFO,
        "FuzzIT seed {0}: {1}: {2} cases in {3} ms, statuses {4}",
        String.valueOf(SEED),
        operation.key(),
        sent,
        (System.nanoTime() - opStarted) / 1_000_000,
        statuses);
    assertThat(failures)
        .as(
            "seed %d (-Drotor.fuzz.seed=%d), %s: answers outside the contract",
            SEED, SEED, operation)
        .isEmpty();
    assertThat(sent).as("seed %d: cases sent to %s", SEED, operation).isGreaterThanOrEqualTo(CASES);
  }

  /** A rejected case, kept until the row counts around it are in. */
  record Sent(int index, Case c, FuzzHttp.Reply reply) {}

  private static void fail(
      List<String> failures,
      Operation operation,
      int i,
      Case c,
      FuzzHttp.Reply reply,
      List<String> wrong) {
    if (failures.size() < 8) {
      failures.add(
          "seed "
              + SEED
              + ", "
              + operation.key()
              + ", case "
              + i
              + ": "
              + String.join("; ", wrong)
              + "\n request: "
              + c.request().describe()
              + "\n answer: "
              + reply.describe());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The contract every answer is held to

  /** What is wrong with the answer, if anything. */
  static List<String> check(Operation operation, Case c, FuzzHttp.Reply reply) {
    List<String> wrong = new ArrayList<>();
    int status = reply.status();
    String body = reply.body();
    String type = Objects.requireNonNullElse(reply.header("Content-Type"), "");
    if (status >= 500) {
      wrong.add("a 5xx");
    }
    if (isPayaraBareRefusal(c, reply)
        || isPayaraMalformedEscape(c, reply)
        || isUndertowMalformedEscape(c, reply)) {
      return wrong; // documented: answered by the server's HTTP parser before any WAR code runs
    }
    if (!"nosniff".equals(reply.header("X-Content-Type-Options"))) {
      wrong.add("no X-Content-Type-Options: nosniff");
    }
    if (STACK_TRACE.matcher(body).find()) {
      wrong.add("a stack trace or exception name in the body");
    }
    boolean ourPage =
        type.startsWith("text/html") && reply.header("Content-Security-Policy") != null;
    if (!ourPage
        && (body.contains("<html") || body.contains("<HTML") || body.contains("<!DOCTYPE"))) {
      wrong.add("an HTML page that is not one of ours");
    }
    if (CONTAINER_PAGE.stream().anyMatch(body::contains) && !ourPage) {
      wrong.add("a container error page");
    }
    if (ourPage && operation.errorFormat() != ErrorFormat.PAGE) {
      wrong.add("a page from an API operation");
    }
    if (status >= 400 && status < 500) {
      if (!operation.documentedStatuses().contains(status) && !GENERAL_ERRORS.contains(status)) {
        wrong.add("an undocumented status");
      }
      if (body.isBlank()) {
        wrong.add("an empty 4xx");
      }
      wrong.addAll(errorFormat(operation, reply, type, ourPage));
      if (status == 429 && reply.header("Retry-After") == null) {
        wrong.add("a 429 without Retry-After");
      }
    } else if (status >= 300 && status < 400) {
      if (operation.errorFormat() != ErrorFormat.PAGE
          || !operation.documentedStatuses().contains(status)) {
        wrong.add("an undocumented redirect");
      }
      if (reply.header("Location") == null) {
        wrong.add("a redirect without Location");
      }
    } else if (status < 300) {
      if (!operation.documentedStatuses().contains(status)) {
        wrong.add("an undocumented success status");
      }
      String documented = operation.responses().getOrDefault(String.valueOf(status), "");
      if (documented.contains("application/json")) {
        if (!type.startsWith("application/json")) {
          wrong.add("a success that is not application/json");
        } else if (!isJson(body)) {
          wrong.add("a success whose body is not JSON");
        }
      }
    }
    return wrong;
  }

  private static List<String> errorFormat(
      Operation operation, FuzzHttp.Reply reply, String type, boolean ourPage) {
    int status = reply.status();
    boolean problem = isProblem(reply, type);
    boolean oauth = isOAuthError(reply, type);
    boolean challenged =
        reply.header("WWW-Authenticate") != null
            && reply.header("WWW-Authenticate").startsWith("Bearer");
    List<String> wrong = new ArrayList<>();
    switch (operation.errorFormat()) {
      case PROBLEM -> {
        if (!problem) {
          wrong.add("not problem+json (status, title, type)");
        }
        if (status == 401 && !challenged) {
          wrong.add("a 401 without WWW-Authenticate: Bearer");
        }
      }
      case OAUTH -> {
        // A bearer token refused before the endpoint (introspection takes admin tokens) is a
        // challenge, problem details with WWW-Authenticate: Bearer (docs/errors.md).
        if (!oauth && !(problem && challenged && (status == 401 || status == 403))) {
          wrong.add("not OAuth error JSON");
        }
      }
      case PAGE -> {
        if (!ourPage && !oauth && !(problem && challenged)) {
          wrong.add("neither a page nor OAuth error JSON");
        }
      }
      case BEARER_CHALLENGE -> {
        if ((status == 401 || status == 403) && !challenged) {
          wrong.add("a 401/403 without a Bearer challenge");
        }
        if (!problem) {
          wrong.add("not problem+json (status, title, type)");
        }
      }
    }
    return wrong;
  }

  static boolean isProblem(FuzzHttp.Reply reply, String type) {
    if (!type.startsWith("application/problem+json")) {
      return false;
    }
    try {
      Map<String, Object> json = JSONObjectUtils.parse(reply.body());
      return json.get("status") instanceof Number n
          && n.intValue() == reply.status()
          && json.get("title") instanceof String
          && json.get("type") instanceof String;
    } catch (ParseException e) {
      return false;
    }
  }

  static boolean isOAuthError(FuzzHttp.Reply reply, String type) {
    if (!type.startsWith("application/json")) {
      return false;
    }
    try {
      return JSONObjectUtils.parse(reply.body()).get("error") instanceof String;
    } catch (ParseException e) {
      return false;
    }
  }

  static boolean isJson(String body) {
    try {
      JSONObjectUtils.parse("{\"v\":" + body + "}");
      return true;
    } catch (ParseException e) {
      return false;
    }
  }

  /**
   * Payara's HTTP listener refuses a path that decodes to NUL, a backslash or bytes that are not
   * UTF-8, or that has an encoded slash ({@code %2F}), a header value with bytes outside visible
   * ASCII (RFC 9110 §5.5), and a request line and headers over its 64 KiB, with a bare 400 before
   * any WAR code runs (docs/platform-notes.md): documented, and only there.
   */
  static boolean isPayaraBareRefusal(Case c, FuzzHttp.Reply reply) {
    if (!ItServer.kind().startsWith("payara") || reply.status() != 400 || !reply.body().isEmpty()) {
      return false;
    }
    String target = c.request().target().toUpperCase(java.util.Locale.ROOT);
    // Grizzly's limit counts the whole head as sent: the request line and every header line,
    // with those the client adds (found with seed 15: a head the case's own lines kept under the
    // limit went over it with Host, Content-Length and Connection).
    int headBytes = reply.sentHeadBytes();
    boolean nonAsciiHeader =
        c.request().headers().stream().anyMatch(h -> h[1].chars().anyMatch(ch -> ch > 0x7e));
    return target.contains("%00")
        || target.contains("%5C")
        || target.split("\\?", 2)[0].contains("%2F")
        || headBytes > 64 * 1024
        || nonAsciiHeader
        || escapesInvalidUtf8(c.request().target().split("\\?", 2)[0]);
  }

  /**
   * Whether the path's percent escapes decode to bytes that are not UTF-8 ({@code %FF}, {@code
   * %C3%28}): Payara's {@code CoyoteAdapter} answers those with a bare {@code 400 Invalid URI}.
   */
  static boolean escapesInvalidUtf8(String path) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < path.length(); i++) {
      char ch = path.charAt(i);
      if (ch == '%' && i + 2 < path.length()) {
        try {
          bytes.write(Integer.parseInt(path.substring(i + 1, i + 3), 16));
          i += 2;
          continue;
        } catch (NumberFormatException malformed) {
          return false; // a malformed escape: the empty 200 below, not this
        }
      }
      bytes.writeBytes(String.valueOf(ch).getBytes(StandardCharsets.UTF_8));
    }
    try {
      StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()));
      return false;
    } catch (java.nio.charset.CharacterCodingException e) {
      return true;
    }
  }

  /**
   * Payara's CoyoteAdapter answers a path with a malformed percent escape ({@code %ZZ}, a lone
   * {@code %}) or ending in a dot segment ({@code /admin/users/..}) with an empty 200 before any
   * WAR code runs (Grizzly's URI decoder throws, CoyoteAdapter logs and swallows it): a known
   * server defect, tolerated here only there, only for such a path, and only as an empty answer
   * (docs/platform-notes.md).
   */
  static boolean isPayaraMalformedEscape(Case c, FuzzHttp.Reply reply) {
    String path = c.request().target().split("\\?", 2)[0];
    return ItServer.kind().startsWith("payara")
        && reply.status() == 200
        && reply.body().isEmpty()
        && (MALFORMED_ESCAPE.matcher(path).find() || path.endsWith("/.") || path.endsWith("/.."));
  }

  /**
   * Undertow's request parser (WildFly) refuses a request target, path or query, with a malformed
   * percent escape ({@code %ZZ}, a lone {@code %}) with a bare 400 and closes the connection,
   * before any WAR code runs (docs/platform-notes.md): tolerated only there, only for such a
   * target.
   */
  static boolean isUndertowMalformedEscape(Case c, FuzzHttp.Reply reply) {
    return ItServer.kind().equals("wildfly")
        && reply.status() == 400
        && reply.body().isEmpty()
        && MALFORMED_ESCAPE.matcher(c.request().target()).find();
  }

  /** A {@code %} not followed by two hex digits (RFC 3986 §2.1). */
  static final Pattern MALFORMED_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");

  // ---------------------------------------------------------------------------------------------
  // Row counts

  /** The row count of every table and of every audit event type, from the test-only endpoint. */
  record RowCounts(Map<String, Long> tables, Map<String, Long> audit) {

    static RowCounts of(Map<?, ?> json) {
      return new RowCounts(
          longs((Map<?, ?>) json.get("tables")), longs((Map<?, ?>) json.get("audit")));
    }

    private static Map<String, Long> longs(Map<?, ?> json) {
      Map<String, Long> out = new TreeMap<>();
      json.forEach((k, v) -> out.put((String) k, ((Number) v).longValue()));
      return out;
    }

    /**
     * The changes from this to {@code after} that a rejected request may not make: any, except for
     * a password check the throttle counters and audit events of the rejection kinds.
     */
    List<String> changesBy(RowCounts after, boolean passwordCheck) {
      List<String> wrong = new ArrayList<>();
      for (String table : after.tables.keySet()) {
        long was = tables.getOrDefault(table, 0L);
        long is = after.tables.get(table);
        if (was == is) {
          continue;
        }
        if (passwordCheck && THROTTLE_TABLES.contains(table) && is > was) {
          continue;
        }
        if (passwordCheck && table.equals("audit_event")) {
          continue; // checked by type below
        }
        wrong.add("rejected, yet " + table + " went from " + was + " to " + is + " rows");
      }
      if (passwordCheck) {
        for (String type : after.audit.keySet()) {
          long was = audit.getOrDefault(type, 0L);
          long is = after.audit.get(type);
          if (is != was && !(REJECTION_EVENTS.contains(type) && is > was)) {
            wrong.add("rejected, yet audit events " + type + " went from " + was + " to " + is);
          }
        }
      }
      return wrong;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // What the fuzz works with: its own users, tokens and sessions

  /** A fixture user: id, name, password. */
  record Account(String id, String username, String password) {}

  /** The users, tokens and refresh tokens the fuzz owns; restored when a case changes them. */
  static final class Fixtures {
    final Api api;
    final String tag = UUID.randomUUID().toString().substring(0, 6);
    String suiteAdmin;
    Account admin;
    String adminToken;
    Account user;
    String userToken;
    String userSession;
    Account pool;

    /** The account login cases name, right or wrong password: its lock harms nobody. */
    Account target;

    final List<Account> victims = new ArrayList<>();
    final Map<String, Deque<String>> refreshTokens = new HashMap<>();
    final Map<String, String> forged = new LinkedHashMap<>();
    final Map<String, Integer> adminSpent = new HashMap<>();
    int logins;

    Instant tokensAt;

    /** A CSRF cookie the server minted and its login form's token: forms past the CSRF check. */
    String csrfCookie;

    String csrfToken;

    Fixtures(Api api) throws Exception {
      this.api = api;
      suiteAdmin = Users.adminToken(api);
      admin = created("fuzz-admin-" + tag, "[\"user\",\"admin\"]");
      user = created("fuzz-user-" + tag, "[\"user\"]");
      pool = created("fuzz-pool-" + tag, "[\"user\"]");
      target = created("fuzz-target-" + tag, "[\"user\"]");
      for (int i = 0; i < 3; i++) {
        victims.add(created("fuzz-victim" + i + "-" + tag, i == 0 ? "[\"user\",\"admin\"]" : null));
      }
      freshen();
      mintCsrf();
    }

    void mintCsrf() {
      Api.Reply page =
          api.get(
              "oauth2/authorize?response_type=code&client_id="
                  + ItServer.SPA
                  + "&redirect_uri="
                  + java.net.URLEncoder.encode(ItServer.SPA_REDIRECT, StandardCharsets.UTF_8)
                  + "&scope=openid&state=s&nonce=n&code_challenge_method=S256&code_challenge="
                  + "A".repeat(43),
              null);
      java.util.regex.Matcher cookie =
          java.util.regex.Pattern.compile("rotor_csrf=([^;]+)")
              .matcher(String.valueOf(page.header("Set-Cookie")));
      java.util.regex.Matcher token =
          java.util.regex.Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"")
              .matcher(page.body());
      if (page.status() != 200 || !cookie.find() || !token.find()) {
        throw new IllegalStateException("no login page: " + page.status());
      }
      csrfCookie = cookie.group(1);
      csrfToken = token.group(1);
    }

    Account created(String username, String roles) {
      String password = "fuzzing passphrase " + UUID.randomUUID();
      Api.Reply reply =
          api.postJson(
              "admin/users",
              "{\"username\":\""
                  + username
                  + "\",\"password\":\""
                  + password
                  + "\""
                  + (roles == null ? "" : ",\"roles\":" + roles)
                  + "}",
              suiteAdmin);
      if (reply.status() != 201) {
        throw new IllegalStateException("cannot create " + username + ": " + reply.body());
      }
      return new Account(reply.string("id"), username, password);
    }

    /** New access tokens when the old ones are past half their life. */
    void freshen() {
      if (tokensAt != null && tokensAt.isAfter(Instant.now().minusSeconds(120))) {
        return;
      }
      suiteAdmin = Users.adminToken(api);
      adminToken = login(admin, null, null).string("access_token");
      try {
        Api.Reply u = login(user, null, null);
        userToken = u.string("access_token");
        userSession = u.string("session_id");
      } catch (IllegalStateException lockedByTheFuzz) {
        if (userToken == null) {
          throw lockedByTheFuzz;
        }
        // Wrong current passwords in password changes lock the user: its token lives on.
      }
      tokensAt = Instant.now();
      forge();
    }

    Api.Reply login(Account account, String clientId, String clientSecret) {
      logins++;
      Api.Reply reply =
          api.postJson(
              "auth/login",
              "{\"username\":\""
                  + account.username()
                  + "\",\"password\":\""
                  + account.password()
                  + "\""
                  + (clientId == null ? "" : ",\"client_id\":\"" + clientId + "\"")
                  + (clientSecret == null ? "" : ",\"client_secret\":\"" + clientSecret + "\"")
                  + "}");
      if (reply.status() != 200) {
        throw new IllegalStateException(
            "fixture login of " + account.username() + ": " + reply.status() + " " + reply.body());
      }
      return reply;
    }

    /** Tokens signed with the server's real key, with claims Rotor would never issue. */
    private void forge() {
      Map<String, Object> claims;
      try {
        claims = SignedJWT.parse(userToken).getJWTClaimsSet().toJSONObject();
      } catch (ParseException e) {
        throw new IllegalStateException(e);
      }
      long now = Instant.now().getEpochSecond();
      forged.clear();
      forged.put("long sid", sign(claims, Map.of("sid", "s".repeat(300))));
      forged.put("long sub", sign(claims, Map.of("sub", "u".repeat(300))));
      forged.put("long jti", sign(claims, Map.of("jti", "j".repeat(300))));
      forged.put("unknown sub", sign(claims, Map.of("sub", UUID.randomUUID().toString())));
      forged.put("scope openid", sign(claims, Map.of("scope", "openid profile")));
      forged.put(
          "admin group, not admin",
          sign(claims, Map.of("groups", List.of("admin", "user"), "scope", "openid")));
      forged.put("no groups", sign(claims, Map.of("groups", List.of())));
      forged.put("other audience", sign(claims, Map.of("aud", "orders")));
      forged.put("expired", sign(claims, Map.of("exp", now - 3600, "iat", now - 7200)));
      forged.put("sid a number", sign(claims, Map.of("sid", 12, "scope", "openid")));
      forged.put("sid unicode", sign(claims, Map.of("sid", "\u2603\u0000x", "scope", "openid")));
      forged.put("groups a string", sign(claims, Map.of("groups", "admin")));
    }

    private String sign(Map<String, Object> claims, Map<String, Object> changes) {
      Map<String, Object> changed = new LinkedHashMap<>(claims);
      changed.putAll(changes);
      return api.sign(JSONObjectUtils.toJSONString(changed));
    }

    /** A live refresh token of the client (rotor-app, it-public, it-service), or null. */
    String takeRefreshToken(String client) {
      Deque<String> tokens = refreshTokens.computeIfAbsent(client, k -> new ArrayDeque<>());
      if (tokens.isEmpty() && logins < 120) {
        String secret = ItServer.SERVICE.equals(client) ? ItServer.SERVICE_SECRET : null;
        String clientId = ClientIds.FIRST_PARTY.equals(client) ? null : client;
        tokens.add(login(pool, clientId, secret).string("refresh_token"));
      }
      return tokens.poll();
    }

    void giveBack(String client, String token) {
      refreshTokens.computeIfAbsent(client, k -> new ArrayDeque<>()).add(token);
    }

    /** Puts back what a case changed: spent tokens, changed or deleted fixture users. */
    void after(Operation operation, Case c, FuzzHttp.Reply reply) {
      boolean succeeded = reply.status() >= 200 && reply.status() < 300;
      if (c.refreshToken() != null) {
        if (!succeeded) {
          giveBack(c.refreshClient(), c.refreshToken());
        } else if (operation.path().equals("/oauth2/introspect")) {
          giveBack(c.refreshClient(), c.refreshToken());
        } else if (reply.status() == 200 && reply.body().contains("\"refresh_token\"")) {
          try {
            giveBack(
                c.refreshClient(),
                (String) JSONObjectUtils.parse(reply.body()).get("refresh_token"));
          } catch (ParseException e) {
            // a success that is no JSON is reported by check()
          }
        }
      }
      if (!succeeded || c.target() == null) {
        return;
      }
      if (operation.key().equals("PUT /users/me/password")) {
        try {
          Object next =
              JSONObjectUtils.parse(new String(c.request().body(), StandardCharsets.UTF_8))
                  .get("new_password");
          user = new Account(user.id(), user.username(), (String) next);
        } catch (ParseException | ClassCastException e) {
          throw new IllegalStateException("a password change succeeded with " + c, e);
        }
      }
      if (operation.method().equals("DELETE") && operation.path().equals("/admin/users/{id}")) {
        for (int i = 0; i < victims.size(); i++) {
          if (victims.get(i).id().equals(c.target())) {
            victims.set(
                i,
                created(
                    "fuzz-victim" + i + "-" + UUID.randomUUID().toString().substring(0, 6),
                    i == 0 ? "[\"user\",\"admin\"]" : null));
          }
        }
      }
      if (operation.method().equals("PATCH")) {
        boolean isAdmin = c.target().equals(admin.id()) || c.target().equals(victims.get(0).id());
        api.patchJson(
            "admin/users/" + c.target(),
            "{\"enabled\":true,\"roles\":"
                + (isAdmin ? "[\"user\",\"admin\"]" : "[\"user\"]")
                + "}",
            suiteAdmin);
      }
    }
  }

  /** Client ids the fuzz uses. */
  static final class ClientIds {
    static final String FIRST_PARTY = "rotor-app";
  }

  // ---------------------------------------------------------------------------------------------
  // The cases

  /**
   * One request, and what it used that the fixtures must know of: a refresh token taken from the
   * pool, the fixture user it targets, the new password it sets.
   */
  record Case(
      FuzzHttp.Request request,
      String refreshToken,
      String refreshClient,
      String target,
      String newPassword) {}

  /** Builds the cases of one operation. */
  static final class Generator {
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
            case 10 -> basic(ItServer.SERVICE, ItServer.SERVICE_SECRET);
            case 11 -> basic(ItServer.ORDERS_SERVICE, ItServer.ORDERS_SERVICE_SECRET);
            case 12 -> basic(ItServer.SERVICE, "wrong secret");
            case 13 -> "Basic " + in.oneOf("!!!", "", "Og==", b64("no-colon"), b64(":"));
            case 14 -> basic(in.string(), in.string());
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

    private static String basic(String id, String secret) {
      return "Basic "
          + Base64.getEncoder()
              .encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
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
        String name =
            in.chance(0.85) ? in.oneOf(QUERY_NAMES) : FuzzInputs.percentEncode(in.string());
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
            case 4 ->
                "{\"" + in.oneOf(new ArrayList<>(fieldsOrAny())) + "\": " + in.deepJson() + "}";
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

    /** The fields this endpoint reads, each right, odd, blank or repeated. */
    private String shapedForm() {
      Map<String, String> f = new LinkedHashMap<>();
      switch (op.path()) {
        case "/oauth2/token" -> {
          f.put("grant_type", in.oneOf("refresh_token", "authorization_code", "password", ""));
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
            right != null
                ? right
                : in.oneOf("application/json", "application/x-www-form-urlencoded");
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
}
