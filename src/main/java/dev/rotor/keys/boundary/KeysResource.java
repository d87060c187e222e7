package dev.rotor.keys.boundary;

import dev.rotor.audit.control.AuditLog;
import dev.rotor.audit.control.Origin;
import dev.rotor.audit.entity.AuditEvent;
import dev.rotor.keys.control.SigningKeys;
import dev.rotor.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** {@code POST /admin/keys/rotate}: the next signing key, published now, signing soon. */
@RequestScoped
@Path("admin/keys/rotate")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class KeysResource {

  @Inject SigningKeys keys;

  @Inject AuditLog audit;

  @Inject JsonWebToken token;

  @Inject Origin origin;

  /** The new key and when it starts signing. */
  public record Rotated(String kid, @JsonbProperty("activates_at") Instant activatesAt) {}

  @POST
  public Rotated rotate() {
    var key = keys.rotate("on demand");
    audit.record(
        AuditLog.Entry.of(AuditEvent.Type.ADMIN_ACTION, origin)
            .user(token.getSubject(), token.getName())
            .reason("rotated signing keys: " + key.kid()));
    return new Rotated(key.kid(), key.activatesAt());
  }
}
