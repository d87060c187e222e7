package dev.rotor.sessions.boundary;

import dev.rotor.security.Roles;
import dev.rotor.sessions.control.Purge;
import dev.rotor.sessions.control.PurgeReport;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /admin/purge}: one purge now, on this node. It does not wait for the timer's lease:
 * an overlapping run is harmless, and an operator asking for one should get one.
 */
@RequestScoped
@Path("admin/purge")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class PurgeResource {

  @Inject Purge purge;

  /** The answer: rows removed per kind, their total, the time taken. */
  public record Result(
      Map<String, Long> removed,
      long total,
      @JsonbProperty("duration_ms") long durationMs,
      boolean finished) {

    static Result of(PurgeReport report) {
      Map<String, Long> removed = new LinkedHashMap<>();
      report.removed().forEach((kind, count) -> removed.put(kind.label(), count));
      return new Result(removed, report.total(), report.took().toMillis(), report.finished());
    }
  }

  @POST
  public Result purge() {
    return Result.of(purge.run());
  }
}
