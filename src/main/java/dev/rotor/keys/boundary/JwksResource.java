package dev.rotor.keys.boundary;

import dev.rotor.keys.control.CurrentKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** RFC 7517 JWK Set of every key whose tokens may still be alive. */
// Stateless: one instance serves every request.
@ApplicationScoped
@Path(".well-known/jwks.json")
@Produces(MediaType.APPLICATION_JSON)
public class JwksResource {

  @Inject CurrentKeys keys;

  @GET
  public Response jwks() {
    CacheControl cache = new CacheControl();
    // Short enough that verifiers pick up a rotated key well within an access token's lifetime.
    cache.setMaxAge(300);
    return Response.ok(keys.publishedJson()).cacheControl(cache).build();
  }
}
