package dev.rotor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rotor.it.support.Api;
import dev.rotor.it.support.DatabaseAvailable;
import dev.rotor.it.support.ItDatabase;
import dev.rotor.it.support.ItServer;
import dev.rotor.it.support.RotorProcess;
import dev.rotor.it.support.TcpProxy;
import dev.rotor.it.support.Users;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PostgreSQL goes away under refresh and login load and comes back: a TCP relay between the run's
 * kind of server and the database is cut for a few seconds and restored. While it is cut, every
 * answer is a 503 with {@code Retry-After} in the endpoint's documented format; within five seconds
 * of its return every request succeeds again; and nothing is lost or half-done: a refresh token
 * whose refresh failed still refreshes, every pair handed out works, and the database holds exactly
 * the refreshes that were answered.
 *
 * <p>Prints the outcomes by phase and kind and the time to recovery (also written to {@code
 * target/it-data/<run>/database-fault.txt}); BENCHMARKS.md reports them.
 */
@ExtendWith(DatabaseAvailable.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseFaultIT {

  /** How long the database is away: the restart in the issue took 4 s. */
  private static final Duration CUT = Duration.ofSeconds(4);

  /** Within this time of the database's return, every request succeeds again. */
  private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(5);

  /** Load goes on this long after the recovery limit: all of it must succeed. */
  private static final Duration STEADY = Duration.ofSeconds(2);

  private static final int CLIENTS = 4;

  /** Each client's pause between two of its requests: a bounded load, not a flood of 503s. */
  private static final Duration PACE = Duration.ofMillis(10);

  /** Each client stops after this many requests, whatever the clock says. */
  private static final int MAX_REQUESTS = 3_000;

  /** Every tenth request of a client is a login (a new chain); the others refresh. */
  private static final int LOGIN_EVERY = 10;

  /** A first-party OAuth client whose chains refresh at /oauth2/token. */
  private static final String APP = "faults-app";

  /** Prefix of the load's users, whose rows the database checks count. */
  private static final String LOAD_USERS = "fault";

  /** Access tokens checked at /users/me; bounded, the ones issued around the fault first. */
  private static final int MAX_ACCESS_CHECKS = 100;

  private TcpProxy proxy;
  private RotorProcess rotor;
  private Api api;

  private volatile long cutAt = Long.MAX_VALUE;
  private volatile long restoredAt = Long.MAX_VALUE;

  private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();

  @BeforeAll
  void start() {
    assumeTrue(
        ItDatabase.isPostgres(),
        "a database that goes away across the network: the PostgreSQL runs only");
    InetSocketAddress database = ItDatabase.pgAddress();
    proxy = TcpProxy.start(database.getHostString(), database.getPort());
    Map<String, String> environment =
        new HashMap<>(ItDatabase.serverEnvironmentThrough(ItDatabase.FAULTS, proxy.port()));
    environment.put("ROTOR_CLIENTS", APP);
    environment.put("ROTOR_CLIENT_FAULTS_APP_FIRST_PARTY", "true");
    environment.put("ROTOR_PURGE_INITIAL_DELAY", "PT1H");
    // The load comes from one address; the address budget is ThrottleIT's concern.
    environment.put("ROTOR_THROTTLE_ADDRESS_PER_MINUTE", "0");
    rotor =
        RotorProcess.start(
            environment, ItDatabase.dataDir("logs").resolve("database-fault-" + server() + ".log"));
    api = new Api(rotor.base());
  }

  @AfterAll
  void stop() {
    if (rotor != null) {
      rotor.close();
    }
    if (proxy != null) {
      proxy.close();
    }
  }

  private static String server() {
    return ItServer.kind();
  }

  @Test
  void whileTheDatabaseIsAwayAnswersAre503AndWithinFiveSecondsOfItsReturnEverythingWorks()
      throws Exception {
    List<LoadClient> clients = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      clients.add(new LoadClient(i, Users.registeredAndLoggedIn(api, LOAD_USERS)));
    }
    CountDownLatch warm = new CountDownLatch(CLIENTS);
    ScheduledExecutorService load = Executors.newScheduledThreadPool(CLIENTS);
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    try {
      for (LoadClient client : clients) {
        client.warm = warm;
        load.scheduleWithFixedDelay(client::step, 0, PACE.toMillis(), TimeUnit.MILLISECONDS);
      }
      assertThat(warm.await(60, TimeUnit.SECONDS))
          .as("every client refreshed before the cut")
          .isTrue();

      cutAt = System.nanoTime();
      proxy.cut();
      // The fault's length is the one thing timed here; everything else is measured.
      timer
          .schedule(
              () -> {
                restoredAt = System.nanoTime();
                proxy.restore();
              },
              CUT.toMillis(),
              TimeUnit.MILLISECONDS)
          .get();
      timer.schedule(() -> {}, RECOVERY_LIMIT.plus(STEADY).toMillis(), TimeUnit.MILLISECONDS).get();
    } finally {
      load.shutdown();
      timer.shutdown();
      assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }

    Report report = new Report(List.copyOf(outcomes), cutAt, restoredAt);
    // Every refresh token handed out and never presented afterwards must still refresh.
    List<Outcome> finalChecks = new ArrayList<>();
    for (LoadClient client : clients) {
      for (Chain open : client.openChains()) {
        finalChecks.add(client.refresh(open));
      }
    }
    List<Api.Reply> accessChecks = checkAccessTokens(report, finalChecks);
    String summary = report.summary(finalChecks, accessChecks, proxy);
    System.out.println(summary);
    Files.writeString(ItDatabase.dataDir("database-fault-" + server() + ".txt"), summary);

    assertThat(report.before())
        .as("before the cut every request succeeds")
        .allMatch(Outcome::ok, "200");
    assertThat(report.during())
        .as("while the database is away: 503s only, each in its endpoint's format")
        .isNotEmpty()
        .allMatch(Outcome::unavailable, "a well-formed 503");
    assertThat(report.straddling())
        .as("in flight at the cut or the return: a success or a well-formed 503, never a 500")
        .allMatch(o -> o.ok() || o.unavailable(), "200 or a well-formed 503");
    assertThat(report.afterReturn())
        .as("after the return: a success or a well-formed 503")
        .allMatch(o -> o.ok() || o.unavailable(), "200 or a well-formed 503");
    assertThat(report.recovery())
        .as("time from the database's return to the last failure")
        .isLessThan(RECOVERY_LIMIT);
    assertThat(report.afterRecoveryLimit())
        .as("from five seconds after the return, every request succeeds")
        .isNotEmpty()
        .allMatch(Outcome::ok, "200");
    assertThat(report.failedRefreshTokens())
        .as("some refresh failed while the database was away")
        .isNotEmpty();
    assertThat(report.failedRefreshTokensRefreshedLater())
        .as("each refresh token whose refresh failed refreshed afterwards: it was not spent")
        .containsExactlyInAnyOrderElementsOf(report.failedRefreshTokens());
    assertThat(finalChecks)
        .as("every refresh token handed out and not yet used still refreshes: it was committed")
        .allMatch(Outcome::ok, "200");
    assertThat(accessChecks)
        .as("access tokens handed out around the fault verify at /users/me")
        .allMatch(reply -> reply.status() == 200, "200");
    assertDatabaseHoldsExactlyTheAnsweredRefreshes(report, finalChecks);
  }

  /**
   * The refresh that is not known to have failed: its statement reached the database, the
   * connection broke before the answer came back, and the database committed it anyway. Made
   * certain here: the token's row is locked, so the statement waits in the database while the relay
   * is cut, and commits once the lock is released. The client got a 503 and sends the same token
   * again: it refreshes (the lost rotation is undone first), and the session is intact.
   */
  @Test
  void aRefreshCommittedAfterItsConnectionWasLostIsUndoneAndItsTokenStillRefreshes()
      throws Exception {
    String token = Users.registeredAndLoggedIn(api, "lost-answer").string("refresh_token");
    String hash = sha256(token);
    try (Connection locker = ItDatabase.connect(ItDatabase.FAULTS)) {
      locker.setAutoCommit(false);
      try (var lock =
          locker.prepareStatement(
              "SELECT token_hash FROM refresh_token WHERE token_hash = ? FOR UPDATE")) {
        lock.setString(1, hash);
        lock.executeQuery().close();
      }
      var pending = java.util.concurrent.CompletableFuture.supplyAsync(() -> api.refresh(token));
      assertThat(poll(() -> blockedBy(locker) > 0))
          .as("the rotation reached the database and waits for the row")
          .isTrue();
      proxy.cut();
      Api.Reply lost = pending.get(30, TimeUnit.SECONDS);
      assertThat(kind(lost, false)).as(lost.body()).isEqualTo("503 problem+json");
      locker.commit(); // the waiting rotation goes on in the database, and commits
    }
    try (Connection connection = ItDatabase.connect(ItDatabase.FAULTS)) {
      assertThat(poll(() -> spent(connection, hash)))
          .as("the database committed the rotation whose answer was lost")
          .isTrue();
    } finally {
      proxy.restore();
    }

    Api.Reply retried = api.refresh(token);
    long deadline = System.nanoTime() + RECOVERY_LIMIT.toNanos();
    for (int tries = 1; retried.status() == 503 && tries < 50; tries++) {
      if (System.nanoTime() > deadline) {
        break;
      }
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
      retried = api.refresh(token);
    }
    assertThat(retried.status())
        .as("the same token, sent again after a 503: " + retried.body())
        .isEqualTo(200);
    assertThat(api.refresh(retried.string("refresh_token")).status())
        .as("the chain goes on: the session was not taken for a replay")
        .isEqualTo(200);
    try (Connection connection = ItDatabase.connect(ItDatabase.FAULTS);
        Statement statement = connection.createStatement()) {
      String session = "(SELECT session_id FROM refresh_token WHERE token_hash = '" + hash + "')";
      assertThat(
              count(statement, "SELECT count(*) FROM refresh_token WHERE session_id = " + session))
          .as("the login's token and one successor per answered refresh: the lost one is gone")
          .isEqualTo(3);
      assertThat(
              count(
                  statement,
                  "SELECT count(*) FROM audit_event WHERE type = 'REFRESHED' AND session_id = "
                      + session))
          .as("one REFRESHED event per answered refresh")
          .isEqualTo(2);
    }
  }

  /** Backends waiting for a lock that this connection holds. */
  private static long blockedBy(Connection locker) {
    try (Statement statement = locker.createStatement()) {
      return count(
          statement,
          "SELECT count(*) FROM pg_stat_activity WHERE pg_backend_pid() = ANY(pg_blocking_pids(pid))");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean spent(Connection connection, String hash) {
    try (var query =
        connection.prepareStatement(
            "SELECT count(*) FROM refresh_token WHERE token_hash = ? AND spent_at IS NOT NULL")) {
      query.setString(1, hash);
      try (ResultSet row = query.executeQuery()) {
        row.next();
        return row.getLong(1) == 1;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Asks until the answer is yes: at most 500 times, 20 ms apart, and for at most ten seconds. */
  private static boolean poll(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    for (int asked = 0; asked < 500 && System.nanoTime() < deadline; asked++) {
      if (condition.getAsBoolean()) {
        return true;
      }
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
    return condition.getAsBoolean();
  }

  /** As Rotor stores it: SHA-256, base64url without padding. */
  private static String sha256(String token) throws java.security.NoSuchAlgorithmException {
    return java.util.Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(
            java.security.MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Each answered refresh spent exactly one token and wrote one audit event; a refresh answered
   * with a 503 left nothing behind (or had it undone); no session was taken for a replay and
   * revoked.
   */
  private void assertDatabaseHoldsExactlyTheAnsweredRefreshes(
      Report report, List<Outcome> finalChecks) throws SQLException {
    long answered =
        report.all().stream().filter(o -> o.refresh() && o.ok()).count()
            + finalChecks.stream().filter(Outcome::ok).count();
    try (Connection connection = ItDatabase.connect(ItDatabase.FAULTS);
        Statement statement = connection.createStatement()) {
      assertThat(
              count(statement, "SELECT count(*) FROM rotor_session WHERE revoked_at IS NOT NULL"))
          .as("sessions revoked (a failed refresh retried must never look like a replay)")
          .isZero();
      assertThat(count(statement, "SELECT count(*) FROM refresh_token WHERE spent_at IS NOT NULL"))
          .as("spent refresh tokens = refreshes answered 200")
          .isEqualTo(answered);
      assertThat(count(statement, "SELECT count(*) FROM audit_event WHERE type = 'REFRESHED'"))
          .as("REFRESHED audit events = refreshes answered 200")
          .isEqualTo(answered);
    }
  }

  private static long count(Statement statement, String sql) throws SQLException {
    try (ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getLong(1);
    }
  }

  /**
   * The access tokens handed out around the fault (from a second before the cut on) and the final
   * ones verify at /users/me: the signing side lost nothing either.
   */
  private List<Api.Reply> checkAccessTokens(Report report, List<Outcome> finalChecks) {
    long from = cutAt - TimeUnit.SECONDS.toNanos(1);
    List<String> tokens = new ArrayList<>();
    finalChecks.stream().filter(Outcome::ok).forEach(o -> tokens.add(o.accessToken()));
    report.all().stream()
        .filter(o -> o.ok() && o.sentAt() >= from)
        .sorted((a, b) -> Long.compare(a.sentAt(), b.sentAt()))
        // The final checks may already be more than the budget: then they alone are checked.
        .limit(Math.max(0, MAX_ACCESS_CHECKS - tokens.size()))
        .forEach(o -> tokens.add(o.accessToken()));
    return tokens.stream().map(api::me).toList();
  }

  /** A refresh chain: its current refresh token and the client it belongs to. */
  private record Chain(String refreshToken, boolean oauth) {}

  /** One request and its answer. */
  private record Outcome(
      String op,
      String kind,
      long sentAt,
      long doneAt,
      String presented,
      String refreshToken,
      String accessToken) {

    boolean ok() {
      return kind.equals("200");
    }

    boolean unavailable() {
      return kind.startsWith("503 ") && !kind.contains("malformed");
    }

    boolean refresh() {
      return op.startsWith("refresh");
    }
  }

  /** A virtual client: its own user, one request per step, its chain continued or renewed. */
  private final class LoadClient {

    private final int index;
    private final String username;
    private final List<Chain> abandoned = new ArrayList<>();
    private final java.util.ArrayDeque<Chain> retries = new java.util.ArrayDeque<>();
    private Chain chain;
    private boolean chainFailed;
    private int requests;
    private int successes;
    private CountDownLatch warm;

    LoadClient(int index, Api.Reply login) {
      this.index = index;
      this.username =
          (String) api.get("users/me", login.string("access_token")).json().get("username");
      this.chain = new Chain(login.string("refresh_token"), false);
    }

    /** Chains whose last token was never presented: the current one and any left for a login. */
    List<Chain> openChains() {
      List<Chain> open = new ArrayList<>(abandoned);
      open.addAll(retries);
      open.add(chain);
      return open;
    }

    /** One request; never throws, or the executor would silently stop this client. */
    void step() {
      if (requests >= MAX_REQUESTS) {
        return;
      }
      requests++;
      long sentAt = System.nanoTime();
      try {
        request();
      } catch (RuntimeException | AssertionError e) {
        outcomes.add(
            new Outcome("step", "failed: " + e, sentAt, System.nanoTime(), null, null, null));
      }
    }

    /**
     * A failed refresh is retried with the same token, first thing, until it succeeds, as a client
     * would; a login in between starts a new chain and leaves the failed one to be retried.
     */
    private void request() {
      Outcome outcome;
      if (!retries.isEmpty()) {
        Chain retry = retries.peek();
        outcome = refresh(retry);
        if (outcome.ok()) {
          retries.poll();
          abandoned.add(new Chain(outcome.refreshToken(), retry.oauth()));
        }
      } else if (requests % LOGIN_EVERY == 0) {
        // Half the clients on each kind of chain at any time: both endpoints see the fault.
        boolean oauth = (requests / LOGIN_EVERY + index) % 2 == 0;
        outcome = login(oauth);
        if (outcome.ok()) {
          (chainFailed ? retries : abandoned).add(chain);
          chain = new Chain(outcome.refreshToken(), oauth);
          chainFailed = false;
        }
      } else {
        outcome = refresh(chain);
        if (outcome.ok()) {
          chain = new Chain(outcome.refreshToken(), chain.oauth());
        }
        chainFailed = !outcome.ok();
      }
      outcomes.add(outcome);
      if (outcome.ok() && ++successes == 10) {
        warm.countDown();
      }
    }

    Outcome login(boolean oauth) {
      String client = oauth ? ",\"client_id\":\"" + APP + "\"" : "";
      HttpRequest request =
          api.request("auth/login")
              .header("Content-Type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "{\"username\":\""
                          + username
                          + "\",\"password\":\""
                          + Users.PASSWORD
                          + "\""
                          + client
                          + "}"))
              .build();
      return send(oauth ? "login (oauth client)" : "login", request, null, false);
    }

    Outcome refresh(Chain chain) {
      if (!chain.oauth()) {
        HttpRequest request =
            api.request("auth/refresh")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"refresh_token\":\"" + chain.refreshToken() + "\"}"))
                .build();
        return send("refresh /auth/refresh", request, chain.refreshToken(), false);
      }
      String form =
          "grant_type=refresh_token&client_id="
              + APP
              + "&refresh_token="
              + URLEncoder.encode(chain.refreshToken(), StandardCharsets.UTF_8);
      HttpRequest request =
          api.request("oauth2/token")
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(form))
              .build();
      return send("refresh /oauth2/token", request, chain.refreshToken(), true);
    }

    private Outcome send(String op, HttpRequest request, String presented, boolean oauthFormat) {
      long sentAt = System.nanoTime();
      Api.Reply reply;
      try {
        reply = api.send(request);
      } catch (UncheckedIOException e) {
        return new Outcome(
            op, "no answer: " + e.getCause(), sentAt, System.nanoTime(), presented, null, null);
      }
      long doneAt = System.nanoTime();
      String kind = kind(reply, oauthFormat);
      if (reply.status() == 200) {
        return new Outcome(
            op,
            kind,
            sentAt,
            doneAt,
            presented,
            reply.string("refresh_token"),
            reply.string("access_token"));
      }
      return new Outcome(op, kind, sentAt, doneAt, presented, null, null);
    }

    @Override
    public String toString() {
      return "client " + index;
    }
  }

  /**
   * What an answer was, by kind: {@code 200}; {@code 503 problem+json} or {@code 503
   * temporarily_unavailable} when the 503 is in its endpoint's documented format, with a positive
   * {@code Retry-After}; {@code 503 malformed: why} otherwise; any other status with its body.
   */
  static String kind(Api.Reply reply, boolean oauthFormat) {
    int status = reply.status();
    if (status == 200) {
      return "200";
    }
    String body = reply.body() == null ? "" : reply.body();
    if (status != 503) {
      return status + " " + body.substring(0, Math.min(body.length(), 160));
    }
    String retryAfter = reply.header("Retry-After");
    if (retryAfter == null || !retryAfter.matches("[1-9][0-9]*")) {
      return "503 malformed: Retry-After " + retryAfter;
    }
    String type = reply.header("Content-Type");
    Map<String, Object> json;
    try {
      json = reply.json();
    } catch (AssertionError e) {
      return "503 malformed: not JSON: " + body;
    }
    if (oauthFormat) {
      boolean ok =
          type != null
              && type.startsWith("application/json")
              && "temporarily_unavailable".equals(json.get("error"))
              && "no-store".equals(reply.header("Cache-Control"));
      return ok ? "503 temporarily_unavailable" : "503 malformed: " + type + " " + body;
    }
    boolean ok =
        type != null
            && type.startsWith("application/problem+json")
            && json.get("status") instanceof Number number
            && number.intValue() == 503
            && json.get("title") != null;
    return ok ? "503 problem+json" : "503 malformed: " + type + " " + body;
  }

  /** The outcomes by phase, and what they add up to. */
  private static final class Report {

    private final List<Outcome> all;
    private final long cutAt;
    private final long restoredAt;

    Report(List<Outcome> all, long cutAt, long restoredAt) {
      this.all = all;
      this.cutAt = cutAt;
      this.restoredAt = restoredAt;
    }

    List<Outcome> all() {
      return all;
    }

    List<Outcome> before() {
      return select(o -> o.doneAt() < cutAt);
    }

    List<Outcome> during() {
      return select(o -> o.sentAt() >= cutAt && o.doneAt() < restoredAt);
    }

    List<Outcome> straddling() {
      return select(
          o ->
              (o.sentAt() < cutAt && o.doneAt() >= cutAt)
                  || (o.sentAt() < restoredAt && o.doneAt() >= restoredAt));
    }

    List<Outcome> afterReturn() {
      return select(o -> o.sentAt() >= restoredAt);
    }

    List<Outcome> afterRecoveryLimit() {
      long limit = restoredAt + RECOVERY_LIMIT.toNanos();
      return select(o -> o.sentAt() >= limit);
    }

    /**
     * From the database's return until the answer to the last request that failed; zero if none
     * failed after the return.
     */
    Duration recovery() {
      long lastFailure =
          all.stream()
              .filter(o -> !o.ok() && o.doneAt() >= restoredAt)
              .mapToLong(Outcome::doneAt)
              .max()
              .orElse(restoredAt);
      return Duration.ofNanos(lastFailure - restoredAt);
    }

    /** The first success sent after the return, counted from it. */
    Duration firstSuccess() {
      return Duration.ofNanos(
          all.stream()
                  .filter(o -> o.ok() && o.sentAt() >= restoredAt)
                  .mapToLong(Outcome::doneAt)
                  .min()
                  .orElse(restoredAt)
              - restoredAt);
    }

    List<String> failedRefreshTokens() {
      return all.stream()
          .filter(o -> o.refresh() && !o.ok())
          .map(Outcome::presented)
          .distinct()
          .toList();
    }

    /** Of those, the ones that a later refresh in the load (not the final check) spent. */
    List<String> failedRefreshTokensRefreshedLater() {
      List<String> failed = failedRefreshTokens();
      return all.stream()
          .filter(o -> o.refresh() && o.ok() && failed.contains(o.presented()))
          .map(Outcome::presented)
          .distinct()
          .toList();
    }

    private List<Outcome> select(java.util.function.Predicate<Outcome> phase) {
      return all.stream().filter(phase).toList();
    }

    String summary(List<Outcome> finalChecks, List<Api.Reply> accessChecks, TcpProxy proxy) {
      StringBuilder text = new StringBuilder();
      text.append(
          String.format(
              "DatabaseFaultIT on %s + PostgreSQL: %d clients, database away %.1f s%n",
              server(), CLIENTS, (restoredAt - cutAt) / 1e9));
      phase(text, "before the cut", before());
      phase(text, "during the cut", during());
      phase(text, "in flight at cut or return", straddling());
      phase(text, "after the return", afterReturn());
      phase(text, "from return + 5 s", afterRecoveryLimit());
      text.append(
          String.format(
              "  time to recovery (return to last failure): %d ms; first success after return:"
                  + " %d ms%n",
              recovery().toMillis(), firstSuccess().toMillis()));
      text.append(
          String.format(
              "  refresh tokens whose refresh failed: %d, refreshed later: %d; open chains"
                  + " refreshed at the end: %d of %d; access tokens verified: %d of %d%n",
              failedRefreshTokens().size(),
              failedRefreshTokensRefreshedLater().size(),
              finalChecks.stream().filter(Outcome::ok).count(),
              finalChecks.size(),
              accessChecks.stream().filter(reply -> reply.status() == 200).count(),
              accessChecks.size()));
      text.append(
          String.format(
              "  relay: %d connections relayed, %d turned away while cut%n",
              proxy.relayed(), proxy.refused()));
      return text.toString();
    }

    private static void phase(StringBuilder text, String name, List<Outcome> outcomes) {
      Map<String, Long> kinds =
          new TreeMap<>(
              outcomes.stream()
                  .collect(
                      Collectors.groupingBy(
                          o -> o.kind() + " (" + o.op() + ")", Collectors.counting())));
      long[] millis =
          outcomes.stream()
              .mapToLong(o -> (o.doneAt() - o.sentAt()) / 1_000_000)
              .sorted()
              .toArray();
      String latency =
          millis.length == 0
              ? ""
              : String.format(
                  " (answered in %d ms median, %d ms at most)",
                  millis[millis.length / 2], millis[millis.length - 1]);
      text.append(
          String.format("  %-28s %5d requests%s: %s%n", name, outcomes.size(), latency, kinds));
    }
  }
}
