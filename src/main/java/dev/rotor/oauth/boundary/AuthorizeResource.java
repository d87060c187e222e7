package dev.rotor.oauth.boundary;

import dev.rotor.audit.control.AuditLog;
import dev.rotor.audit.control.Origin;
import dev.rotor.audit.entity.AuditEvent;
import dev.rotor.clients.control.ClientRegistry;
import dev.rotor.configuration.IssuerSettings;
import dev.rotor.oauth.control.AuthorizationCodes;
import dev.rotor.oauth.control.AuthorizationError;
import dev.rotor.oauth.control.AuthorizationRequest;
import dev.rotor.sessions.control.AccountChangedMeanwhile;
import dev.rotor.sso.control.BrowserSessions;
import dev.rotor.sso.control.BrowserSessions.SignedIn;
import dev.rotor.sso.control.Consents;
import dev.rotor.users.control.Accounts;
import dev.rotor.users.control.LoginThrottled;
import dev.rotor.users.control.UserIdentityStore;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
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
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The authorization endpoint (RFC 6749 §4.1, OpenID Connect Core §3.1.2) and its two forms, login
 * and consent. GET checks the request and either answers at once (a live browser session: single
 * sign-on) or shows a form; the forms POST back here with the request as hidden fields, checked
 * afresh. A request whose client or redirect URI cannot be trusted gets an error page; every other
 * error goes back to the client.
 */
@RequestScoped
@Path("oauth2/authorize")
public class AuthorizeResource {

  static final String BAD_CREDENTIALS = "Invalid username or password.";

  static final String THROTTLED = "Too many sign-in attempts. Try again in %d seconds.";

  @Inject ClientRegistry clients;

  @Inject BrowserSessions browserSessions;

  @Inject Consents consents;

  @Inject AuthorizationCodes codes;

  @Inject UserIdentityStore identityStore;

  @Inject Accounts accounts;

  @Inject AuditLog audit;

  @Inject Origin origin;

  @Inject IssuerSettings issuer;

  @Inject BrowserCookies cookies;

  @Inject DeviceCookies devices;

  @Inject ConsentSteps consentSteps;

  @Inject Pages pages;

  @Inject Clock clock;

  @GET
  @Produces(MediaType.TEXT_HTML)
  public Response authorize(
      @Context UriInfo uri,
      @CookieParam(BrowserCookies.HOST_SSO) String hostSso,
      @CookieParam(BrowserCookies.SSO) String plainSso,
      @CookieParam(BrowserCookies.HOST_CSRF) String hostCsrf,
      @CookieParam(BrowserCookies.CSRF) String plainCsrf) {
    String sso = cookies.sent(hostSso, plainSso);
    String csrf = cookies.sent(hostCsrf, plainCsrf);
    MultivaluedMap<String, String> query = uri.getQueryParameters();
    try {
      AuthorizationRequest request = AuthorizationRequest.parse(query::get, clients);
      Instant now = clock.instant();
      var signedIn = browserSessions.find(sso);
      if (signedIn.isEmpty() || request.needsPassword(signedIn.get().authTime(), now)) {
        if (request.prompt().contains("none")) {
          throw AuthorizationError.redirect(
              "login_required", "The user is not signed in.", request);
        }
        return loginPage(request, csrf, request.loginHint(), null);
      }
      return proceed(request, signedIn.get(), false, csrf, Response.Status.FOUND);
    } catch (AuthorizationError e) {
      return refused(e, Response.Status.FOUND);
    }
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  public Response submit(
      MultivaluedMap<String, String> posted,
      @CookieParam(BrowserCookies.HOST_SSO) String hostSso,
      @CookieParam(BrowserCookies.SSO) String plainSso,
      @CookieParam(BrowserCookies.HOST_CSRF) String hostCsrf,
      @CookieParam(BrowserCookies.CSRF) String plainCsrf,
      @CookieParam(DeviceCookies.HOST_NAME) String hostDevice,
      @CookieParam(DeviceCookies.NAME) String plainDevice) {
    String sso = cookies.sent(hostSso, plainSso);
    String csrf = cookies.sent(hostCsrf, plainCsrf);
    String device = cookies.sent(hostDevice, plainDevice);
    MultivaluedMap<String, String> form = Forms.orEmpty(posted);
    String action = first(form, "action");
    var step = "consent".equals(action) ? BrowserCookies.Step.CONSENT : BrowserCookies.Step.LOGIN;
    try {
      if (!cookies.csrfMatches(csrf, first(form, "csrf_token"), step)) {
        return pages.render(
            403,
            "error",
            new ErrorPage(
                "invalid_request",
                "This form has expired or did not come from this site. Go back to the"
                    + " application and sign in again."));
      }
      AuthorizationRequest request = AuthorizationRequest.parse(form::get, clients);
      if ("login".equals(action)) {
        return login(request, first(form, "username"), first(form, "password"), csrf, device);
      }
      if ("consent".equals(action)) {
        var signedIn = browserSessions.find(sso);
        if (signedIn.isEmpty()) {
          return loginPage(request, csrf, null, null);
        }
        Instant now = clock.instant();
        if (!consentSteps.started(
                first(form, ConsentSteps.FIELD), signedIn.get().sessionId(), request, now)
            || request.isOlderThanMaxAge(signedIn.get().authTime(), now)) {
          // Not a consent page this server showed for this sign-in and request, or the sign-in
          // grew too old while it was open: start over, so that prompt=login and max_age are asked
          // for as on a first visit.
          return request.needsPassword(signedIn.get().authTime(), now)
              ? loginPage(request, csrf, null, null)
              : proceed(request, signedIn.get(), false, csrf, Response.Status.SEE_OTHER);
        }
        if (!"allow".equals(first(form, "decision"))) {
          throw AuthorizationError.redirect(
              "access_denied", "The user did not allow access.", request);
        }
        consents.give(signedIn.get().user(), request.client().id(), request.scopes(), origin);
        return redirectWithCode(request, signedIn.get(), false, Response.Status.SEE_OTHER);
      }
      throw AuthorizationError.page("invalid_request", "Unknown form action.");
    } catch (AuthorizationError e) {
      return refused(e, Response.Status.SEE_OTHER);
    }
  }

  /**
   * Checks the password exactly as {@code /auth/login} does (the same identity store, hash queue
   * and audit); on success starts the browser session and goes on with the request.
   */
  private Response login(
      AuthorizationRequest request, String username, String password, String csrf, String device) {
    if (username == null || password == null || username.length() > 64 || password.length() > 128) {
      return loginPage(request, csrf, username, BAD_CREDENTIALS);
    }
    UserIdentityStore.Check check;
    try {
      check =
          identityStore.check(
              new UsernamePasswordCredential(username, password),
              origin,
              devices.deviceFor(device, username));
    } catch (LoginThrottled e) {
      return Response.fromResponse(
              loginPage(request, csrf, username, THROTTLED.formatted(e.retryAfterSeconds()), 429))
          .header("Retry-After", e.retryAfterSeconds())
          .build();
    }
    if (!check.valid()) {
      audit.record(
          AuditLog.Entry.of(AuditEvent.Type.LOGIN_FAILED, origin)
              .user(check.userId(), check.auditedName())
              .reason(check.reason() + " (login form, client " + request.client().id() + ")"));
      return loginPage(request, csrf, username, BAD_CREDENTIALS);
    }
    var user = accounts.byId(check.userId()).orElse(null);
    if (user == null) {
      return loginPage(request, csrf, username, BAD_CREDENTIALS);
    }
    BrowserSessions.Started started;
    try {
      started = browserSessions.start(user, check.checkedHash(), origin);
    } catch (AccountChangedMeanwhile e) {
      return loginPage(request, csrf, username, BAD_CREDENTIALS);
    }
    // A new CSRF nonce with every sign-in: a token seen before it is worth nothing after.
    String freshCsrf = cookies.newCsrfCookie();
    audit.record(
        AuditLog.Entry.of(AuditEvent.Type.LOGIN_SUCCEEDED, origin)
            .user(user.id(), user.username())
            .reason("password, login form, client " + request.client().id()));
    Response next =
        proceed(request, started.signedIn(), true, freshCsrf, Response.Status.SEE_OTHER);
    var answer =
        Response.fromResponse(next)
            .cookie(cookies.sso(started.cookieValue()), devices.signedIn(device, user.username()));
    if (next.getStatus() != 200) {
      answer.cookie(cookies.csrf(freshCsrf)); // the consent page sets it itself
    }
    return answer.build();
  }

  /** Consent where needed, then the code. */
  private Response proceed(
      AuthorizationRequest request,
      SignedIn signedIn,
      boolean viaPassword,
      String csrf,
      Response.Status redirectStatus) {
    var client = request.client();
    boolean askConsent =
        !client.firstParty()
            && (request.prompt().contains("consent")
                || !consents.covers(signedIn.user().id(), client.id(), request.scopes()));
    if (askConsent) {
      if (request.prompt().contains("none")) {
        throw AuthorizationError.redirect(
            "consent_required", "The user has not allowed this client yet.", request);
      }
      String cookie = cookies.csrfCookie(csrf);
      Map<String, String> fields = new LinkedHashMap<>(request.formFields());
      fields.put(
          ConsentSteps.FIELD, consentSteps.start(signedIn.sessionId(), request, clock.instant()));
      return pages.render(
          200,
          "consent",
          new ConsentPage(
              client.name(),
              signedIn.user().username(),
              new ArrayList<>(request.scopes()),
              fields,
              cookies.csrfToken(cookie, BrowserCookies.Step.CONSENT)),
          cookies.csrf(cookie));
    }
    return redirectWithCode(request, signedIn, viaPassword, redirectStatus);
  }

  private Response redirectWithCode(
      AuthorizationRequest request,
      SignedIn signedIn,
      boolean viaPassword,
      Response.Status status) {
    Instant now = clock.instant();
    String code = codes.issue(request, signedIn, now);
    if (!viaPassword) {
      audit.record(
          AuditLog.Entry.of(AuditEvent.Type.SSO_LOGIN, origin)
              .user(signedIn.user().id(), signedIn.user().username())
              .reason("single sign-on, client " + request.client().id()));
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("code", code);
    params.put("state", request.state());
    params.put("iss", issuer.issuer());
    return redirect(request.redirectUri(), params, status);
  }

  private Response loginPage(
      AuthorizationRequest request, String csrf, String username, String error) {
    return loginPage(request, csrf, username, error, 200);
  }

  private Response loginPage(
      AuthorizationRequest request, String csrf, String username, String error, int status) {
    String cookie = cookies.csrfCookie(csrf);
    return pages.render(
        status,
        "login",
        new LoginPage(
            request.client().name(),
            request.formFields(),
            cookies.csrfToken(cookie, BrowserCookies.Step.LOGIN),
            username == null ? "" : username,
            error),
        cookies.csrf(cookie));
  }

  private Response refused(AuthorizationError e, Response.Status status) {
    if (!e.redirects()) {
      return pages.render(400, "error", new ErrorPage(e.code(), e.getMessage()));
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("error", e.code());
    params.put("error_description", e.getMessage());
    params.put("state", e.state());
    params.put("iss", issuer.issuer());
    return redirect(e.redirectUri(), params, status);
  }

  /** RFC 6749 §4.1.2: parameters added to the redirect URI's query, which it may have already. */
  static Response redirect(String redirectUri, Map<String, String> params, Response.Status status) {
    StringBuilder location = new StringBuilder(redirectUri);
    char separator = redirectUri.contains("?") ? '&' : '?';
    for (var param : params.entrySet()) {
      if (param.getValue() != null) {
        location
            .append(separator)
            .append(param.getKey())
            .append('=')
            .append(URLEncoder.encode(param.getValue(), StandardCharsets.UTF_8));
        separator = '&';
      }
    }
    return Pages.secure(Response.status(status).location(URI.create(location.toString()))).build();
  }

  private static String first(MultivaluedMap<String, String> form, String name) {
    List<String> values = form.get(name);
    return values == null || values.size() != 1 ? null : values.get(0);
  }
}
