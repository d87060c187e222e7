package dev.rotor.audit.boundary;

import dev.rotor.audit.control.AuditLog;
import dev.rotor.audit.entity.AuditEvent;
import dev.rotor.http.Page;
import dev.rotor.problems.ProblemException;
import dev.rotor.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/** {@code GET /admin/events}: the audit log, newest first, filtered and paged. */
@RequestScoped
@Path("admin/events")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class EventsResource {

  @Inject AuditLog log;

  /** An event as admins see it. */
  public record Event(
      String id,
      Instant time,
      String type,
      @JsonbProperty("user_id") String userId,
      String username,
      @JsonbProperty("session_id") String sessionId,
      @JsonbProperty("client_address") String clientAddress,
      @JsonbProperty("user_agent") String userAgent,
      String reason) {

    static Event of(AuditEvent e) {
      return new Event(
          e.id(),
          e.occurredAt(),
          e.type().name(),
          e.userId(),
          e.username(),
          e.sessionId(),
          e.clientAddress(),
          e.userAgent(),
          e.reason());
    }
  }

  @GET
  public Page<Event> events(
      @QueryParam("type") String type,
      @QueryParam("user") String user,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("page") @DefaultValue("0") int page,
      @QueryParam("size") @DefaultValue("50") int size) {
    Page.check(page, size);
    var filter = new AuditLog.Filter(type(type), user, instant("from", from), instant("to", to));
    return new Page<>(
        log.find(filter, page, size).stream().map(Event::of).toList(),
        page,
        size,
        log.count(filter));
  }

  private static AuditEvent.Type type(String type) {
    if (type == null) {
      return null;
    }
    try {
      return AuditEvent.Type.valueOf(type);
    } catch (IllegalArgumentException e) {
      throw ProblemException.invalidField(
          "type", "one of " + Arrays.toString(AuditEvent.Type.values()));
    }
  }

  private static Instant instant(String name, String value) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ProblemException.invalidField(
          name, "an ISO-8601 UTC time such as 2026-11-22T10:00:00Z");
    }
  }
}
