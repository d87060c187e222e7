package dev.rotor.oauth.boundary;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

/**
 * Renders the HTML pages (jte templates in {@code src/main/jte}, compiled with the WAR, every value
 * HTML-escaped) with the headers every page carries: no framing, no sniffing, no referrer, no
 * caching, and nothing loaded from anywhere but Rotor.
 */
@ApplicationScoped
public class Pages {

  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; frame-ancestors 'none'";

  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

  public Response render(int status, String template, Object model, NewCookie... cookies) {
    StringOutput html = new StringOutput();
    engine.render(template + ".jte", model, html);
    return secure(Response.status(status).type("text/html;charset=UTF-8").entity(html.toString()))
        .cookie(cookies)
        .build();
  }

  /** The headers of every page and of every redirect the pages send. */
  static Response.ResponseBuilder secure(Response.ResponseBuilder response) {
    return response
        .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "no-referrer")
        .header("X-Frame-Options", "DENY")
        .header("Cache-Control", "no-store")
        .header("Pragma", "no-cache");
  }
}
