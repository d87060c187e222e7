package dev.rotor.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.testing.SteppedClock;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The filter on a real java.util.logging logger, as a server's logger would call it. */
class OneLineRejectionsTest {

  final SteppedClock clock = new SteppedClock();
  final List<LogRecord> published = new ArrayList<>();
  final Logger logger = Logger.getAnonymousLogger();

  @BeforeEach
  void logger() {
    logger.setUseParentHandlers(false);
    logger.addHandler(
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            published.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        });
    logger.setFilter(
        new OneLineRejections(
            "Rejected a bearer token",
            null,
            new LogRateLimit(clock, Duration.ofMinutes(1), 64),
            logger.getFilter()));
  }

  /** As Payara's SignedJWTIdentityStore logs a token that fails verification. */
  void rejected(String innermost) {
    Exception cause = new IllegalStateException(innermost);
    logger.log(
        Level.INFO,
        "Exception trying to parse JWT token.",
        new RuntimeException(new RuntimeException(cause.getMessage(), cause)));
  }

  @Test
  void aThousandRejectionsWithOneCauseAreOneLineWithoutAStackTrace() {
    for (int i = 0; i < 1000; i++) {
      rejected("Signature of the JWT token is invalid");
    }
    assertThat(published).hasSize(1);
    LogRecord line = published.get(0);
    assertThat(line.getThrown()).isNull();
    assertThat(line.getLevel()).isEqualTo(Level.INFO);
    assertThat(line.getMessage())
        .startsWith(
            "Rejected a bearer token: IllegalStateException: Signature of the JWT token is invalid")
        .doesNotContain("\n");
  }

  @Test
  void theNextMinuteSaysHowManyWereNotLogged() {
    for (int i = 0; i < 1000; i++) {
      rejected("Signature of the JWT token is invalid");
    }
    clock.advance(Duration.ofMinutes(1));
    rejected("Signature of the JWT token is invalid");
    assertThat(published).hasSize(2);
    assertThat(published.get(1).getMessage()).contains("(999 more with this cause");
  }

  @Test
  void anotherCauseIsLoggedAtOnce() {
    rejected("Signature of the JWT token is invalid");
    logger.log(
        Level.INFO,
        "Exception trying to parse JWT token.",
        new RuntimeException(new ParseException("Invalid JWS header: Not a JWS header", 0)));
    assertThat(published)
        .extracting(LogRecord::getMessage)
        .anySatisfy(m -> assertThat(m).contains("ParseException: Invalid JWS header"));
  }

  @Test
  void recordsWithoutAnExceptionPassUnchanged() {
    logger.info("Reading the public key");
    logger.info("Reading the public key");
    assertThat(published).extracting(LogRecord::getMessage).hasSize(2);
  }

  @Test
  void whatTheClientSentCannotForgeLinesNorReachTheLogAsAToken() {
    String token =
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSIsImdyb3VwcyI6WyJhZG1pbiJdfQ.c2lnbmF0dXJlc2lnbmF0dXJl";
    rejected("Invalid claim in " + token + "\r\n[2026-12-07] SEVERE forged line \u001b[31m");
    String message = published.get(0).getMessage();
    assertThat(message).doesNotContain("\r", "\n", "\u001b", "eyJ", "c2lnbmF0dXJl");
  }

  @Test
  void onALoggerOfManyMessagesOnlyTheRejectionsAreShortened() {
    Logger resteasy = Logger.getAnonymousLogger();
    resteasy.setUseParentHandlers(false);
    resteasy.addHandler(logger.getHandlers()[0]);
    resteasy.setFilter(
        new OneLineRejections(
            "Rejected a request",
            "RESTEASY002130",
            new LogRateLimit(clock, Duration.ofMinutes(1), 64),
            null));
    for (int i = 0; i < 100; i++) {
      resteasy.log(
          Level.WARNING,
          "RESTEASY002130: Failed to parse request.",
          new IllegalArgumentException("RESTEASY003340: Failure parsing MediaType string: x"));
    }
    IllegalStateException bug = new IllegalStateException("a server-side failure");
    resteasy.log(Level.SEVERE, "RESTEASY002025: Unknown exception while executing", bug);
    assertThat(published).hasSize(2);
    assertThat(published.get(0).getMessage())
        .startsWith(
            "Rejected a request: IllegalArgumentException: RESTEASY003340: Failure parsing"
                + " MediaType string: x");
    assertThat(published.get(1).getThrown()).isSameAs(bug);
  }

  @Test
  void payarasOwnWordsStayReadable() {
    assertThat(
            OneLineRejections.cause(
                new RuntimeException(
                    new ParseException(
                        "Invalid serialized unsecured/JWS/JWE object: Missing part delimiters",
                        0))))
        .isEqualTo(
            "ParseException: Invalid serialized unsecured/JWS/JWE object: Missing part delimiters");
  }

  @Test
  void positionsInAMessageDoNotMakeNewCauses() {
    for (int i = 0; i < 50; i++) {
      rejected("Unterminated object at line 1 column " + i);
    }
    assertThat(published).hasSize(1);
  }
}
