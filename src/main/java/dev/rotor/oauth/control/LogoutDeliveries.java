package dev.rotor.oauth.control;

import dev.rotor.clients.control.Client;
import dev.rotor.clients.control.ClientRegistry;
import dev.rotor.sso.control.BrowserSessionEnded;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends the due logout tokens of the outbox (Back-Channel Logout 1.0 §2.5): each a form POST of
 * {@code logout_token}, all at once and asynchronously, each bounded by {@link #TIMEOUT}, so that
 * neither the logout that caused them nor the other clients wait for a client that hangs. 200 and
 * 204 mean sent; anything else, or no answer in time, is a failed attempt.
 */
@ApplicationScoped
public class LogoutDeliveries {

  /** The longest a client may take to answer one logout token. */
  public static final Duration TIMEOUT = Duration.ofSeconds(5);

  /** Attempts claimed per run; more wait for the next run. */
  static final int BATCH = 100;

  private static final System.Logger LOG = System.getLogger(LogoutDeliveries.class.getName());

  /** A failing run is logged at most this often (the database may be down for a while). */
  private static final Duration QUIET = Duration.ofMinutes(1);

  /** Threads that do the work around the requests (claiming, signing, recording), never wait. */
  static final int WORKERS = 4;

  /**
   * The container's: its threads carry the application's context, whichever thread hands them a
   * task (the HTTP client's own, when an answer arrives), so they may open a transaction.
   */
  @Resource ManagedThreadFactory threadFactory;

  @Inject LogoutOutbox outbox;

  @Inject LogoutTokens tokens;

  @Inject ClientRegistry clients;

  @Inject Clock clock;

  /**
   * Ours, not the container's default executor: that one runs one task at a time on Payara (no core
   * threads, an unbounded queue), and the HTTP client's answers must not queue behind claims.
   */
  private ExecutorService workers;

  private HttpClient http;

  private final AtomicLong lastLogged = new AtomicLong();

  @PostConstruct
  void start() {
    workers = Executors.newFixedThreadPool(WORKERS, threadFactory);
    // Requests are sent without blocking a thread; a client that hangs only holds its connection.
    http =
        HttpClient.newBuilder()
            .executor(workers)
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @PreDestroy
  void stop() {
    workers.shutdownNow();
  }

  /** Starts every due attempt this node can claim; answers how many, without waiting for them. */
  public int sendDue() {
    try {
      List<LogoutOutbox.Claimed> claimed = outbox.claimDue(BATCH);
      claimed.forEach(this::send);
      return claimed.size();
    } catch (RuntimeException e) {
      long now = System.nanoTime();
      long last = lastLogged.get();
      if ((last == 0 || now - last > QUIET.toNanos()) && lastLogged.compareAndSet(last, now)) {
        LOG.log(System.Logger.Level.WARNING, "Back-channel logout run failed; retrying", e);
      }
      return 0;
    }
  }

  /** A browser session's end committed: its logout tokens go out now, not at the next run. */
  void afterEnd(@Observes(during = TransactionPhase.AFTER_SUCCESS) BrowserSessionEnded ended) {
    workers.execute(this::sendDue);
  }

  private void send(LogoutOutbox.Claimed attempt) {
    Optional<String> uri = clients.find(attempt.clientId()).map(Client::backchannelLogoutUri);
    if (uri.isEmpty()) {
      outbox.dropped(attempt);
      return;
    }
    HttpRequest request;
    try {
      String token =
          tokens.issue(
              new LogoutTokens.Logout(attempt.clientId(), attempt.subject(), attempt.sid()),
              clock.instant());
      request =
          HttpRequest.newBuilder(URI.create(uri.get()))
              .timeout(TIMEOUT)
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "logout_token=" + URLEncoder.encode(token, StandardCharsets.US_ASCII)))
              .build();
    } catch (RuntimeException e) {
      outbox.failed(attempt, "not sent (" + e.getClass().getSimpleName() + ")");
      return;
    }
    http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .whenCompleteAsync((response, failure) -> settle(attempt, response, failure), workers);
  }

  private void settle(
      LogoutOutbox.Claimed attempt, HttpResponse<Void> response, Throwable failure) {
    try {
      if (failure != null) {
        outbox.failed(attempt, why(failure));
      } else if (response.statusCode() == 200 || response.statusCode() == 204) {
        outbox.sent(attempt, response.statusCode());
      } else {
        outbox.failed(attempt, "HTTP " + response.statusCode());
      }
    } catch (RuntimeException e) {
      // The lease runs out and another run tries again: at worst the client gets it twice.
      LOG.log(
          System.Logger.Level.WARNING,
          "Recording a back-channel logout to client {0} failed",
          attempt.clientId());
    }
  }

  /** Why no answer came, in words without the token or the client's error text. */
  static String why(Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof HttpTimeoutException) {
      return "no answer within " + TIMEOUT.toSeconds() + " s";
    }
    return "no answer (" + cause.getClass().getSimpleName() + ")";
  }
}
