package dev.rotor.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.health.Readiness;

/**
 * MicroProfile Health's endpoints and format on the application port, for a server that serves them
 * only on its management port (WildFly) or not at all. Where the server answers {@code /health}
 * itself (Payara), its answer wins, and holds the same {@link DatabaseReadiness} check.
 */
@ApplicationScoped
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

  // A health check carries its kind as a qualifier, so it has no @Default.
  @Inject @Readiness DatabaseReadiness database;

  @GET
  public Response all() {
    return ready();
  }

  /** Nothing in Rotor can be alive but stuck: the process answering is the check. */
  @GET
  @Path("live")
  public Response live() {
    return answer(true, Json.createArrayBuilder());
  }

  @GET
  @Path("started")
  public Response started() {
    return live();
  }

  @GET
  @Path("ready")
  public Response ready() {
    boolean up = database.databaseAnswers();
    return answer(
        up,
        Json.createArrayBuilder()
            .add(
                Json.createObjectBuilder()
                    .add("name", DatabaseReadiness.NAME)
                    .add("status", up ? "UP" : "DOWN")));
  }

  private static Response answer(boolean up, JsonArrayBuilder checks) {
    String body =
        Json.createObjectBuilder()
            .add("status", up ? "UP" : "DOWN")
            .add("checks", checks)
            .build()
            .toString();
    return Response.status(up ? 200 : 503)
        .type(MediaType.APPLICATION_JSON)
        .header("Cache-Control", "no-store")
        .entity(body)
        .build();
  }
}
