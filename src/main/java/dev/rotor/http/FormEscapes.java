package dev.rotor.http;

import dev.rotor.problems.ProblemException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;

/**
 * A form body ({@code application/x-www-form-urlencoded}) with a malformed percent escape, or whose
 * bytes (escaped or not) are not text in its charset (UTF-8 unless it names another) or hold a NUL,
 * is the client's 400 here, before the runtime's form reader: RESTEasy's (WildFly) lets {@code
 * URLDecoder}'s {@code IllegalArgumentException} and a {@code MalformedInputException} out of it, a
 * 500. The OAuth endpoints turn the 400 into their {@code invalid_request}. The same rule as {@link
 * QueryEscapes} for the query; the body is already bounded by {@link BodySizeLimit}.
 */
@Provider
@Priority(Priorities.ENTITY_CODER)
public class FormEscapes implements ReaderInterceptor {

  @Override
  public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
    if (MediaType.APPLICATION_FORM_URLENCODED_TYPE.isCompatible(context.getMediaType())) {
      byte[] body = context.getInputStream().readAllBytes();
      if (!isWellFormed(body, RequestCharset.of(context.getMediaType()))) {
        throw new ProblemException(
            400,
            "Bad Request",
            "The form has a malformed percent escape, a NUL, or is not valid text.");
      }
      context.setInputStream(new ByteArrayInputStream(body));
    }
    return context.proceed();
  }

  /**
   * Whether every escape is {@code %} and two hex digits, and the bytes they make are text without
   * a NUL (which PostgreSQL refuses in a query parameter, and no form field of Rotor's holds).
   */
  static boolean isWellFormed(byte[] form, Charset charset) {
    ByteArrayOutputStream decoded = new ByteArrayOutputStream(form.length);
    for (int i = 0; i < form.length; i++) {
      if (form[i] != '%') {
        decoded.write(form[i]);
      } else if (i + 2 < form.length && hex(form[i + 1]) >= 0 && hex(form[i + 2]) >= 0) {
        decoded.write(hex(form[i + 1]) * 16 + hex(form[i + 2]));
        i += 2;
      } else {
        return false;
      }
    }
    try {
      return charset
          .newDecoder()
          .decode(ByteBuffer.wrap(decoded.toByteArray()))
          .chars()
          .noneMatch(c -> c == 0);
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static int hex(byte b) {
    return Character.digit(b, 16);
  }
}
