package dev.rotor.clients.boundary;

import dev.rotor.audit.control.Origin;
import dev.rotor.clients.control.Client;
import dev.rotor.clients.control.ClientRegistrations;
import dev.rotor.http.JsonBodies;
import dev.rotor.http.Page;
import dev.rotor.problems.Failure;
import dev.rotor.problems.ProblemException;
import dev.rotor.security.Ids;
import dev.rotor.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Client administration (role {@code admin}): applications registered without a restart. */
@RequestScoped
@Path("admin/clients")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class AdminClientsResource {

  static final String MERGE_PATCH = "application/merge-patch+json";

  @Inject ClientRegistrations registrations;

  @Inject JsonWebToken token;

  @Inject Origin origin;

  @Inject Clock clock;

  @GET
  public JsonObject list(
      @QueryParam("page") @DefaultValue("0") int page,
      @QueryParam("size") @DefaultValue("50") int size) {
    Page.check(page, size);
    JsonArrayBuilder items = Json.createArrayBuilder();
    registrations
        .list(page, size)
        .forEach(c -> items.add(ClientMetadata.json(c, null, clock.instant())));
    return Json.createObjectBuilder()
        .add("items", items)
        .add("page", page)
        .add("size", size)
        .add("total", registrations.count())
        .build();
  }

  /** The secret of a confidential client is in this answer only; Rotor keeps its hash. */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Transactional
  public Response create(String json) {
    var registered =
        registrations.create(
            ClientMetadata.settings(JsonBodies.object(json)), token.getSubject(), origin);
    return Response.created(URI.create("/admin/clients/" + registered.client().id()))
        .entity(ClientMetadata.json(registered.client(), registered.secret(), clock.instant()))
        .header("Cache-Control", "no-store")
        .build();
  }

  @GET
  @Path(Ids.PATH_PARAMETER)
  public JsonObject get(@PathParam("id") String id) {
    return ClientMetadata.json(registrations.existing(id), null, clock.instant());
  }

  /** RFC 7396: the patch is merged into the client's settings, and the result checked whole. */
  @PATCH
  @Path(Ids.PATH_PARAMETER)
  @Consumes({MERGE_PATCH, MediaType.APPLICATION_JSON})
  @Transactional
  public JsonObject update(@PathParam("id") String id, String json) {
    JsonObject patch = JsonBodies.object(json);
    for (String field : patch.keySet()) {
      if (ClientMetadata.READ_ONLY.contains(field)) {
        throw ProblemException.invalidField(field, "is set by Rotor");
      }
    }
    Client current = registrations.existing(id);
    JsonObject merged =
        Json.createMergePatch(patch).apply(ClientMetadata.settable(current).build()).asJsonObject();
    Client changed =
        registrations.update(id, ClientMetadata.settings(merged), token.getSubject(), origin);
    return ClientMetadata.json(changed, null, clock.instant());
  }

  /**
   * A new secret, in this answer only; the previous one stays valid for {@code
   * previous_secret_expires_in} seconds (default two days, 0: it stops now). The body may be empty.
   */
  @POST
  @Path(Ids.PATH_PARAMETER + "/secret")
  // No @Consumes: RESTEasy answers 415 to a POST without Content-Type (so without a body) against
  // one. A body, when there is one, must still be JSON.
  @Transactional
  public Response rotateSecret(
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      String json) {
    JsonObject body = JsonValue.EMPTY_JSON_OBJECT;
    if (json != null && !json.isBlank()) {
      if (!isJson(contentType)) {
        throw new ProblemException(415, "Unsupported Media Type", Failure.standardDetail(415));
      }
      body = JsonBodies.object(json);
    }
    Duration overlap = ClientMetadata.secretOverlap(body);
    var rotated = registrations.rotateSecret(id, overlap, token.getSubject(), origin);
    return Response.ok(ClientMetadata.json(rotated.client(), rotated.secret(), clock.instant()))
        .header("Cache-Control", "no-store")
        .build();
  }

  private static boolean isJson(String contentType) {
    try {
      MediaType type = contentType == null ? null : MediaType.valueOf(contentType);
      return type != null
          && type.getType().equalsIgnoreCase("application")
          && type.getSubtype().equalsIgnoreCase("json");
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Its sessions and refresh tokens end with it. */
  @DELETE
  @Path(Ids.PATH_PARAMETER)
  @Transactional
  public void delete(@PathParam("id") String id) {
    registrations.delete(id, token.getSubject(), origin);
  }
}
