package dev.rotor.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code /openapi}: the hand-written OpenAPI document, for a server without MicroProfile OpenAPI
 * (WildFly's default profile). Where the server serves {@code /openapi} itself (Payara), its answer
 * wins, and it is made from the same file.
 */
@ApplicationScoped
@Path("openapi")
public class OpenApiResource {

  private static final String DOCUMENT = "META-INF/openapi.yaml";

  private final byte[] document = read();

  private static byte[] read() {
    try (InputStream in = OpenApiResource.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
      if (in == null) {
        throw new IllegalStateException(DOCUMENT + " is missing from the WAR");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @GET
  @Produces("application/yaml")
  public Response document() {
    return Response.ok(document).build();
  }
}
