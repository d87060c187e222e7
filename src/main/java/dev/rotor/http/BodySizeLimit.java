package dev.rotor.http;

import dev.rotor.configuration.HttpSettings;
import dev.rotor.problems.ErrorFormats;
import dev.rotor.problems.Failure;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses request bodies over {@code rotor.http.max-body-bytes} with 413 before anything parses
 * them. Bodies without a length (chunked) are read up to the limit and no further.
 */
@Provider
@PreMatching
public class BodySizeLimit implements ContainerRequestFilter {

  @Inject HttpSettings settings;

  @Inject ErrorFormats formats;

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    int maxBytes = settings.maxBodyBytes();
    int declared = request.getLength();
    if (declared > maxBytes) {
      request.abortWith(tooLarge(request, maxBytes));
      return;
    }
    if (declared < 0 && request.hasEntity()) {
      InputStream in = request.getEntityStream();
      byte[] body = in.readNBytes(maxBytes + 1);
      if (body.length > maxBytes) {
        request.abortWith(tooLarge(request, maxBytes));
        return;
      }
      request.setEntityStream(new ByteArrayInputStream(body));
    }
  }

  private jakarta.ws.rs.core.Response tooLarge(ContainerRequestContext request, int maxBytes) {
    return formats.response(
        request.getUriInfo().getPath(),
        Failure.of(413, "Content Too Large", "The request body exceeds " + maxBytes + " bytes."));
  }
}
