package dev.rotor.it.rp;

import jakarta.annotation.security.DeclareRoles;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.openid.OpenIdContext;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The protected page: any signed-in caller ({@code **}). It shows who the container thinks the
 * caller is, the roles Rotor's {@code groups} claim gave them, and the ID token's subject and
 * groups, so that a test can tell a real sign-in from a 200 with nobody in it.
 */
@WebServlet(ProfileServlet.PATH)
@DeclareRoles({"user", "admin"})
@ServletSecurity(@HttpConstraint(rolesAllowed = "**"))
public class ProfileServlet extends HttpServlet {

  public static final String PATH = "/profile";

  private static final List<String> ROLES = List.of("user", "admin");

  @Inject OpenIdContext openId;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String caller = request.getUserPrincipal() == null ? "" : request.getUserPrincipal().getName();
    String roles = ROLES.stream().filter(request::isUserInRole).collect(Collectors.joining(" "));
    String subject = openId.getSubject();
    String groups =
        String.join(" ", openId.getIdentityToken().getJwtClaims().getArrayStringClaim("groups"));
    response.setContentType("text/html;charset=UTF-8");
    response.setHeader("Cache-Control", "no-store");
    response
        .getWriter()
        .write(
            "<!DOCTYPE html><html><head><title>Relying party</title></head><body>"
                + "<h1>Relying party</h1>"
                + "<p>Signed in as <span id=\"caller\">"
                + Html.escape(caller)
                + "</span></p>"
                + "<p>Roles: <span id=\"roles\">"
                + Html.escape(roles)
                + "</span></p>"
                + "<p>ID token subject: <span id=\"subject\">"
                + Html.escape(subject)
                + "</span>, groups: <span id=\"groups\">"
                + Html.escape(groups)
                + "</span></p></body></html>");
  }
}
