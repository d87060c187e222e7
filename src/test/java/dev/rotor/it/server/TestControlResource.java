package dev.rotor.it.server;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.rotor.keys.control.AccessTokenIssuer;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.text.ParseException;
import java.time.Duration;

/** Test-only endpoints: move the server's clock; sign any claims with the real signing key. */
@RequestScoped
@Path("test")
public class TestControlResource {

  @Inject AccessTokenIssuer issuer;

  @PUT
  @Path("clock")
  @Consumes(MediaType.TEXT_PLAIN)
  public void moveClock(String offset) {
    MovableClock.offset = Duration.parse(offset.trim());
  }

  @POST
  @Path("sign")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.TEXT_PLAIN)
  public String sign(String claims) throws ParseException {
    return issuer.sign(JWTClaimsSet.parse(claims));
  }
}
