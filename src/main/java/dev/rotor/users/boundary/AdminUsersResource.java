package dev.rotor.users.boundary;

import dev.rotor.audit.control.AuditLog;
import dev.rotor.audit.control.Origin;
import dev.rotor.audit.entity.AuditEvent;
import dev.rotor.http.JsonBodies;
import dev.rotor.http.Page;
import dev.rotor.problems.ProblemException;
import dev.rotor.security.Ids;
import dev.rotor.security.Roles;
import dev.rotor.users.control.Accounts;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** User administration (role {@code admin}); ending access ends sessions (ASVS 7.4.2, 7.4.5). */
@RequestScoped
@Path("admin/users")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class AdminUsersResource {

  private static final Set<String> KNOWN_ROLES = Set.of(Roles.USER, Roles.ADMIN);

  @Inject Accounts accounts;

  @Inject AuditLog audit;

  @Inject JsonWebToken token;

  @Inject Origin origin;

  /** A new user, made by an admin. */
  public record NewUser(
      @NotNull(message = "is required") @Size(max = 256, message = "is too long") String username,
      @NotNull(message = "is required") @Size(max = 1024, message = "is too long") String password,
      List<String> roles) {}

  @GET
  public Page<UserResponse> list(
      @QueryParam("q") String q,
      @QueryParam("page") @DefaultValue("0") int page,
      @QueryParam("size") @DefaultValue("50") int size) {
    Page.check(page, size);
    return new Page<>(
        accounts.list(q, page, size).stream().map(UserResponse::of).toList(),
        page,
        size,
        accounts.count(q));
  }

  /** Not transactional: the password is hashed before the account's short transaction. */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(@NotNull(message = "a JSON body is required") @Valid NewUser body) {
    var user =
        accounts.create(
            body.username(),
            body.password(),
            roles(body.roles() == null ? List.of(Roles.USER) : body.roles()),
            AuditEvent.Type.ADMIN_ACTION,
            "created by " + token.getSubject(),
            origin);
    return Response.created(URI.create("/admin/users/" + user.id()))
        .entity(UserResponse.of(user))
        .build();
  }

  @GET
  @Path(Ids.PATH_PARAMETER)
  public UserResponse get(@PathParam("id") String id) {
    return UserResponse.of(accounts.existing(id));
  }

  @PATCH
  @Path(Ids.PATH_PARAMETER)
  @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
  @Transactional
  public UserResponse update(@PathParam("id") String id, String json) {
    // Read by hand, strictly: a binder would take "enabled": "maybe" for false. Parsed here, not
    // by the runtime's JSON-P reader: a string, array or null body, or one nested too deep, is a
    // 400 then, where the reader or method validation would answer 500.
    JsonObject body = JsonBodies.object(json);
    for (String field : body.keySet()) {
      if (!field.equals("enabled") && !field.equals("roles")) {
        throw ProblemException.invalidField(field, "is not a field that can be changed");
      }
    }
    if (body.containsKey("roles")) {
      accounts.setRoles(id, roles(stringList(body.get("roles"))), token.getSubject(), origin);
    }
    if (body.containsKey("enabled")) {
      JsonValue enabled = body.get("enabled");
      if (enabled != JsonValue.TRUE && enabled != JsonValue.FALSE) {
        throw ProblemException.invalidField("enabled", "must be true or false");
      }
      accounts.setEnabled(id, enabled == JsonValue.TRUE, token.getSubject(), origin);
    }
    return UserResponse.of(accounts.existing(id));
  }

  private static List<String> stringList(JsonValue value) {
    if (!(value instanceof JsonArray array)
        || !array.stream().allMatch(v -> v.getValueType() == JsonValue.ValueType.STRING)) {
      throw ProblemException.invalidField("roles", "must be a list of role names");
    }
    return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
  }

  @DELETE
  @Path(Ids.PATH_PARAMETER)
  @Transactional
  public void delete(@PathParam("id") String id) {
    accounts.delete(id, token.getSubject(), origin);
  }

  private static Set<String> roles(List<String> requested) {
    // Not KNOWN_ROLES.containsAll: an immutable set throws on null, and [null] is a client's error.
    if (requested.isEmpty()
        || !requested.stream().allMatch(r -> r != null && KNOWN_ROLES.contains(r))) {
      throw ProblemException.invalidField("roles", "a non-empty list of " + KNOWN_ROLES);
    }
    return Set.copyOf(requested);
  }
}
