package dev.rotor.clients.boundary;

import dev.rotor.audit.control.Origin;
import dev.rotor.clients.control.InitialAccessTokens;
import dev.rotor.clients.entity.InitialAccessToken;
import dev.rotor.http.JsonBodies;
import dev.rotor.http.Page;
import dev.rotor.problems.ProblemException;
import dev.rotor.security.Ids;
import dev.rotor.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Initial access tokens for dynamic client registration (role {@code admin}): issued with an expiry
 * and a count of registrations, listed without the tokens, revoked at once.
 */
@RequestScoped
@Path("admin/clients/initial-access-tokens")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class AdminInitialAccessTokensResource {

  static final Set<String> FIELDS = Set.of("expires_in", "max_uses");

  @Inject InitialAccessTokens tokens;

  @Inject JsonWebToken token;

  @Inject Origin origin;

  @Inject Clock clock;

  /**
   * The token is in this answer only; Rotor keeps its hash. The body is optional: {@code {}} or
   * none takes the defaults.
   */
  @POST
  @Transactional
  public Response issue(String json) {
    JsonObject request =
        json == null || json.isBlank() ? JsonValue.EMPTY_JSON_OBJECT : JsonBodies.object(json);
    for (String field : request.keySet()) {
      if (!FIELDS.contains(field)) {
        throw ProblemException.invalidField(field, "is not a setting of an initial access token");
      }
    }
    var issued =
        tokens.issue(
            InitialAccessTokens.Terms.of(whole(request, "expires_in"), whole(request, "max_uses")),
            token.getSubject(),
            origin);
    JsonObject body =
        json(issued.stored(), clock.instant())
            .add("token", issued.token())
            .add("token_type", "Bearer")
            .build();
    return Response.status(Response.Status.CREATED)
        .entity(body.toString())
        .header("Cache-Control", "no-store")
        .build();
  }

  @GET
  public JsonObject list(
      @QueryParam("page") @DefaultValue("0") int page,
      @QueryParam("size") @DefaultValue("50") int size) {
    Page.check(page, size);
    Instant now = clock.instant();
    JsonArrayBuilder items = Json.createArrayBuilder();
    tokens.list(page, size).forEach(t -> items.add(json(t, now)));
    return Json.createObjectBuilder()
        .add("items", items)
        .add("page", page)
        .add("size", size)
        .add("total", tokens.count())
        .build();
  }

  /** Registrations that present it fail from now on; the clients it registered stay. */
  @DELETE
  @Path(Ids.PATH_PARAMETER)
  @Transactional
  public void revoke(@PathParam("id") String id) {
    tokens.revoke(id, token.getSubject(), origin);
  }

  private static JsonObjectBuilder json(InitialAccessToken t, Instant now) {
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("id", t.id())
            .add("created_at", t.createdAt().toString())
            .add("expires_at", t.expiresAt().toString())
            .add("max_uses", t.maxUses())
            .add("uses", t.uses())
            .add("state", t.state(now).value());
    if (t.revokedAt() != null) {
      json.add("revoked_at", t.revokedAt().toString());
    }
    return json;
  }

  /** A whole number, or null when absent; anything else names the field in a 400. */
  private static Long whole(JsonObject json, String field) {
    JsonValue value = json.get(field);
    if (value == null || value == JsonValue.NULL) {
      return null;
    }
    if (!(value instanceof JsonNumber number)
        || !number.isIntegral()
        || number.bigDecimalValue().abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw ProblemException.invalidField(field, "must be a whole number");
    }
    return number.longValue();
  }
}
