package dev.rotor.it.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.it.fuzz.FuzzHttp.Framing;
import dev.rotor.it.fuzz.OpenApiOperations.Operation;
import dev.rotor.it.server.RowChangeRecorder;
import dev.rotor.it.support.Api;
import dev.rotor.it.support.ItServer;
import dev.rotor.it.support.RotorIT;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
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
      List<String> wrong = AnswerContract.check(operation, c, reply);
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
        List<String> wrong = before.changesBy(after, RowCounts.checksCredentials(operation.key()));
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
}
