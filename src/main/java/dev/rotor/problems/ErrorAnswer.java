package dev.rotor.problems;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A rendered error, the same for both routes an error takes: a JAX-RS {@link Response}, or written
 * to the servlet response when the servlet layer answers (the container's error page, a filter).
 */
public record ErrorAnswer(int status, String mediaType, Map<String, String> headers, String body) {

  public ErrorAnswer {
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /** The value of a header (names compared case-insensitively), or null. */
  public String header(String name) {
    for (Map.Entry<String, String> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase(name)) {
        return header.getValue();
      }
    }
    return null;
  }

  public Response toResponse() {
    Response.ResponseBuilder response = Response.status(status).type(mediaType).entity(body);
    headers.forEach(response::header);
    return response.build();
  }

  /** Status, headers and body onto a servlet response whose character encoding is set. */
  public void write(HttpServletResponse response) throws IOException {
    response.setStatus(status);
    headers.forEach(response::setHeader);
    response.setContentType(mediaType);
    response.getWriter().write(body);
  }
}
