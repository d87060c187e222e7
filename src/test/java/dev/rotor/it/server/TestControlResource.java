package dev.rotor.it.server;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.rotor.audit.control.Origin;
import dev.rotor.clients.control.ClientRegistry;
import dev.rotor.keys.control.AccessTokenIssuer;
import dev.rotor.sessions.control.AccountChangedMeanwhile;
import dev.rotor.sessions.control.SessionStart;
import dev.rotor.sso.control.BrowserSessions;
import dev.rotor.users.control.Accounts;
import dev.rotor.users.entity.User;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.SQLException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Test-only endpoints: move or stop the server's clock; sign any claims with the real signing key;
 * count the rows of every table; mark a point in the server's log.
 */
@RequestScoped
@Path("test")
public class TestControlResource {

  @Inject AccessTokenIssuer issuer;

  @Inject Accounts accounts;

  @Inject SessionStart sessionStart;

  @Inject Clock clock;

  @Inject BrowserSessions browserSessions;

  @Resource(lookup = "java:app/jdbc/rotor")
  DataSource database;

  /** The stored password hash of a user, as a login's password check would have read it. */
  @GET
  @Path("password-hash/{username}")
  @Produces(MediaType.TEXT_PLAIN)
  public String passwordHash(@PathParam("username") String username) {
    return accounts.find(username).orElseThrow(NotFoundException::new).passwordHash();
  }

  /**
   * The second half of a login whose password check (against {@code checked}) happened earlier: 201
   * when a session opened, 409 when the account changed meanwhile.
   */
  @POST
  @Path("session-start/{username}")
  @Consumes(MediaType.TEXT_PLAIN)
  public Response startSession(@PathParam("username") String username, String checked) {
    User user = accounts.find(username).orElseThrow(NotFoundException::new);
    try {
      sessionStart.open(
          new SessionStart.Authenticated(user.id(), user.username(), user.roles(), checked.trim()),
          ClientRegistry.FIRST_PARTY,
          "profile",
          Origin.SERVER,
          clock.instant());
      return Response.status(201).build();
    } catch (AccountChangedMeanwhile e) {
      return Response.status(409).build();
    }
  }

  /**
   * One sweep of the browser sessions that ran out, as the minute's timer runs it: answers how many
   * it ended, so a test need not wait for the timer.
   */
  @POST
  @Path("browser-sessions/run-out")
  @Produces(MediaType.TEXT_PLAIN)
  public String endRunOutBrowserSessions() {
    return String.valueOf(browserSessions.endRunOut(100));
  }

  @PUT
  @Path("clock")
  @Consumes(MediaType.TEXT_PLAIN)
  public void moveClock(String offset) {
    MovableClock.offset = Duration.parse(offset.trim());
  }

  /** {@code true} stops the clock where it stands; {@code false} lets it run on from real time. */
  @PUT
  @Path("clock/stopped")
  @Consumes(MediaType.TEXT_PLAIN)
  public void stopClock(String stopped) {
    MovableClock.stoppedAt =
        Boolean.parseBoolean(stopped.trim()) ? Instant.now().plus(MovableClock.offset) : null;
  }

  /**
   * Writes the text to the server's log as one INFO line, so that a test reading the log knows when
   * everything logged before it has been written.
   */
  @POST
  @Path("log-marker")
  @Consumes(MediaType.TEXT_PLAIN)
  public void logMarker(String text) {
    MARKERS.info(text.trim());
  }

  private static final java.util.logging.Logger MARKERS =
      java.util.logging.Logger.getLogger("dev.rotor.it.server.LogMarker");

  @POST
  @Path("sign")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.TEXT_PLAIN)
  public String sign(String claims) throws ParseException {
    return issuer.sign(JWTClaimsSet.parse(claims));
  }

  /**
   * The row count of every table of Rotor's schema, as {@code {"tables": {name: count}, "audit":
   * {type: count}}} ({@link RowChangeRecorder#counts}).
   */
  @GET
  @Path("row-counts")
  @Produces(MediaType.APPLICATION_JSON)
  public String rowCounts() throws SQLException {
    try (Connection c = database.getConnection()) {
      return RowChangeRecorder.counts(c).toString();
    }
  }

  /**
   * The row counts before and after each request whose {@value RowChangeRecorder#HEADER} starts
   * with {@code prefix} and that changed any, by case id; each is handed out once.
   */
  @GET
  @Path("row-changes")
  @Produces(MediaType.APPLICATION_JSON)
  public String rowChanges(@jakarta.ws.rs.QueryParam("prefix") String prefix) {
    return RowChangeRecorder.take(prefix == null ? "" : prefix).toString();
  }
}
