package dev.rotor.oauth.boundary;

import dev.rotor.audit.control.Origin;
import dev.rotor.clients.control.Client;
import dev.rotor.clients.control.ClientRegistry;
import dev.rotor.oauth.control.IdTokens;
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
import java.util.Objects;
import java.util.Optional;

/**
 * Ends the single sign-on session (OpenID Connect RP-Initiated Logout 1.0, {@code
 * end_session_endpoint}). GET checks the request first: an {@code id_token_hint} Rotor did not
 * issue, a {@code client_id} other than the hint's, or a {@code post_logout_redirect_uri} the
 * client did not register is an error page, never a redirect. With a valid hint for the browser's
 * own session (its {@code sid}) the logout happens at once, because only an application the user
 * signed in to holds that ID token; without one, the user confirms, so that no other site can sign
 * them out. The confirming POST ends the browser session on every node, clears the cookie, and
 * sends the browser to the {@code post_logout_redirect_uri} with {@code state}, else shows that the
 * user is signed out. Token sessions that apps hold live on until they end them. {@code ui_locales}
 * is accepted and has no effect: the pages are in English.
 */
@RequestScoped
@Path("oauth2/logout")
@Produces(MediaType.TEXT_HTML)
public class LogoutResource {

  /** The longest value of a logout parameter; an ID token hint may be longer. */
  static final int PARAMETER_LIMIT = 2000;

  @Inject BrowserSessions browserSessions;

  @Inject ClientRegistry clients;

  @Inject IdTokens idTokens;

  @Inject BrowserCookies cookies;

  @Inject Pages pages;

  @Inject Origin origin;

  @GET
  public Response confirm(
      @Context UriInfo uri,
      @CookieParam(BrowserCookies.HOST_SSO) String hostSso,
      @CookieParam(BrowserCookies.SSO) String plainSso,
      @CookieParam(BrowserCookies.HOST_CSRF) String hostCsrf,
      @CookieParam(BrowserCookies.CSRF) String plainCsrf) {
    MultivaluedMap<String, String> query = uri.getQueryParameters();
    for (String name : List.of("client_id", "post_logout_redirect_uri", "state", "ui_locales")) {
      String value = query.getFirst(name);
      if (value != null && value.length() > PARAMETER_LIMIT) {
        return refused(name + " is longer than " + PARAMETER_LIMIT + " characters.");
      }
    }
    String hintValue = query.getFirst("id_token_hint");
    Optional<IdTokens.Hint> hint = Optional.empty();
    if (hintValue != null) {
      hint = idTokens.hint(hintValue);
      if (hint.isEmpty()) {
        return refused("The id_token_hint is not an ID token this provider issued.");
      }
    }
    String clientId = query.getFirst("client_id");
    if (clientId != null && hint.isPresent() && !hint.get().clientId().equals(clientId)) {
      return refused("The client_id is not the client the id_token_hint was issued to.");
    }
    if (clientId == null) {
      clientId = hint.map(IdTokens.Hint::clientId).orElse(null);
    }
    Optional<Client> client = clientId == null ? Optional.empty() : clients.find(clientId);
    if (clientId != null && client.isEmpty()) {
      return refused("The client is not registered.");
    }
    String target = query.getFirst("post_logout_redirect_uri");
    if (target != null && !client.map(c -> c.allowsPostLogoutRedirectUri(target)).orElse(false)) {
      return refused(
          client.isEmpty()
              ? "A post_logout_redirect_uri needs the client: send client_id or id_token_hint."
              : "The post_logout_redirect_uri is not registered for the client.");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("client_id", clientId);
    fields.put("post_logout_redirect_uri", target);
    fields.put("state", query.getFirst("state"));
    fields.values().removeIf(Objects::isNull);
    if (hint.isPresent()) {
      String sso = cookies.sent(hostSso, plainSso);
      Optional<BrowserSessions.SignedIn> current = browserSessions.find(sso);
      if (current.isEmpty()) {
        // Nothing to end: the hint's application may go on with its own logout.
        return signedOut(target, fields.get("state"));
      }
      if (current.get().sessionId().equals(hint.get().browserSessionId())) {
        browserSessions.end(sso, origin);
        return signedOut(target, fields.get("state"));
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
    return signedOut(allowed ? target : null, form.getFirst("state"));
  }

  /** To the registered URI with {@code state}, or the signed-out page; the cookie cleared. */
  private Response signedOut(String target, String state) {
    if (target != null) {
      Map<String, String> params = new LinkedHashMap<>();
      params.put("state", state);
      return Response.fromResponse(
              AuthorizeResource.redirect(target, params, Response.Status.SEE_OTHER))
          .cookie(cookies.ssoCleared())
          .build();
    }
    return pages.render(200, "logout", new LogoutPage(true, Map.of(), ""), cookies.ssoCleared());
  }

  private Response refused(String description) {
    return pages.render(400, "error", new ErrorPage("invalid_request", description));
  }
}
