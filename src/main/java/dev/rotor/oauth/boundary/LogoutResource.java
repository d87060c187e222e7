package dev.rotor.oauth.boundary;

import dev.rotor.audit.control.Origin;
import dev.rotor.clients.control.ClientRegistry;
import dev.rotor.sso.control.BrowserSessions;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ends the single sign-on session (OpenID Connect RP-Initiated Logout 1.0, {@code
 * end_session_endpoint}). GET asks the user to confirm, so that no other site can sign them out;
 * the confirming POST ends the browser session on every node, clears the cookie, and sends the
 * browser to {@code post_logout_redirect_uri} when the named client registered it, else shows that
 * the user is signed out. Token sessions that apps hold live on until they end them.
 */
@RequestScoped
@Path("oauth2/logout")
@Produces(MediaType.TEXT_HTML)
public class LogoutResource {

  @Inject BrowserSessions browserSessions;

  @Inject ClientRegistry clients;

  @Inject BrowserCookies cookies;

  @Inject Pages pages;

  @Inject Origin origin;

  @GET
  public Response confirm(
      @Context UriInfo uri,
      @CookieParam(BrowserCookies.HOST_CSRF) String hostCsrf,
      @CookieParam(BrowserCookies.CSRF) String plainCsrf) {
    MultivaluedMap<String, String> query = uri.getQueryParameters();
    Map<String, String> fields = new LinkedHashMap<>();
    for (String name : List.of("client_id", "post_logout_redirect_uri", "state")) {
      String value = query.getFirst(name);
      if (value != null && value.length() <= 2000) {
        fields.put(name, value);
      }
    }
    String cookie = cookies.csrfCookie(cookies.sent(hostCsrf, plainCsrf));
    return pages.render(
        200,
        "logout",
        new LogoutPage(false, fields, cookies.csrfToken(cookie, BrowserCookies.Step.LOGOUT)),
        cookies.csrf(cookie));
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response logout(
      MultivaluedMap<String, String> posted,
      @CookieParam(BrowserCookies.HOST_SSO) String hostSso,
      @CookieParam(BrowserCookies.SSO) String plainSso,
      @CookieParam(BrowserCookies.HOST_CSRF) String hostCsrf,
      @CookieParam(BrowserCookies.CSRF) String plainCsrf) {
    String sso = cookies.sent(hostSso, plainSso);
    MultivaluedMap<String, String> form = Forms.orEmpty(posted);
    if (!cookies.csrfMatches(
        cookies.sent(hostCsrf, plainCsrf),
        form.getFirst("csrf_token"),
        BrowserCookies.Step.LOGOUT)) {
      return pages.render(
          403,
          "error",
          new ErrorPage(
              "invalid_request",
              "This form has expired or did not come from this site. Sign out again."));
    }
    browserSessions.end(sso, origin);
    String target = form.getFirst("post_logout_redirect_uri");
    boolean allowed =
        target != null
            && clients
                .find(form.getFirst("client_id"))
                .map(c -> c.allowsPostLogoutRedirectUri(target))
                .orElse(false);
    if (allowed) {
      Map<String, String> params = new LinkedHashMap<>();
      params.put("state", form.getFirst("state"));
      return Response.fromResponse(
              AuthorizeResource.redirect(target, params, Response.Status.SEE_OTHER))
          .cookie(cookies.ssoCleared())
          .build();
    }
    return pages.render(200, "logout", new LogoutPage(true, Map.of(), ""), cookies.ssoCleared());
  }
}
