package dev.rotor.http;

import dev.rotor.problems.ErrorFormats;
import dev.rotor.problems.Failure;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;

/**
 * A body in a charset this JVM does not know ({@code Content-Type: ...; charset=bogus}) gets 415
 * before anything decodes it; the runtimes' readers would throw {@code
 * UnsupportedCharsetException}, a 500.
 */
@Provider
@PreMatching
public class RequestCharset implements ContainerRequestFilter {

  @Inject ErrorFormats formats;

  @Override
  public void filter(ContainerRequestContext request) {
    MediaType type = request.getMediaType();
    String charset = type == null ? null : type.getParameters().get(MediaType.CHARSET_PARAMETER);
    if (charset != null && !isSupported(charset)) {
      request.abortWith(
          formats.response(
              request.getUriInfo().getPath(),
              Failure.of(
                  415,
                  "Unsupported Media Type",
                  "The request body's charset is not one this service reads.")));
    }
  }

  static boolean isSupported(String charset) {
    try {
      return Charset.isSupported(charset.trim());
    } catch (IllegalCharsetNameException e) {
      return false;
    }
  }

  /** The charset a body of this type is in: the one it names, else UTF-8. */
  static Charset of(MediaType type) {
    String name = type.getParameters().get(MediaType.CHARSET_PARAMETER);
    try {
      return name == null ? StandardCharsets.UTF_8 : Charset.forName(name.trim());
    } catch (RuntimeException unknown) {
      return StandardCharsets.UTF_8; // filter() has answered 415 already
    }
  }
}
