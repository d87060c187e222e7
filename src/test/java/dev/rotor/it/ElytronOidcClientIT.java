package dev.rotor.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import dev.rotor.it.browser.Flow;
import dev.rotor.it.browser.OidcClient;
import dev.rotor.it.browser.Pages;
import dev.rotor.it.browser.RecordingBrowser;
import dev.rotor.it.elytron.SignedInServlet;
import dev.rotor.it.support.Api;
import dev.rotor.it.support.ItServer;
import dev.rotor.it.support.RotorIT;
import dev.rotor.it.support.Users;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.http.Cookie;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.as.controller.client.helpers.standalone.ServerDeploymentHelper;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A WildFly application on Rotor: a WAR secured by WildFly's own OpenID Connect client
 * (elytron-oidc-client, {@code <auth-method>OIDC</auth-method>} and {@code WEB-INF/oidc.json} with
 * {@code principal-attribute} {@code preferred_username}), deployed beside Rotor on the suite's
 * WildFly through its management port, signs a browser in through Rotor's login page and knows the
 * caller by username. WildFly 39.0.1's client (Elytron 2.8.2) receives no back-channel logout: when
 * a second application logs the user out of Rotor, the WildFly application's session lives on until
 * it ends, and its next sign-in asks for the password. Only the WildFly run includes it (pom.xml).
 */
@RotorIT
class ElytronOidcClientIT {

  static final String CONTEXT = "elytron-rp";
  static final String APP = ItServer.ISSUER + "/" + CONTEXT;
  static final String PROFILE = APP + SignedInServlet.PATH;
  static final String AUTHORIZE = ItServer.ISSUER + "/oauth2/authorize";

  /** A second application the user signs in to by the same browser session, and out of. */
  static final String OTHER_REDIRECT = "https://other-app.example.test/callback";

  static final String OTHER_SIGNED_OUT = "https://other-app.example.test/signed-out";

  Api api;

  String admin;
  String deployed;

  @BeforeEach
  void admin() {
    admin = Users.adminToken(api);
  }

  @AfterEach
  void undeploy() throws Exception {
    if (deployed != null) {
      try (ModelControllerClient client = management()) {
        new ServerDeploymentHelper(client).undeploy(deployed);
      }
    }
  }

  /** WildFly's management, as Arquillian reaches it (local authentication, same user). */
  static ModelControllerClient management() throws Exception {
    return ModelControllerClient.Factory.create(
        "remote+http",
        "127.0.0.1",
        Integer.parseInt(System.getProperty("rotor.it.wildflyManagementPort")));
  }

  /**
   * The WildFly application's client: confidential (WildFly's client sends the secret in a Basic
   * header, URL-safe, and no PKCE), its redirect URI the protected page itself, which is what
   * WildFly's client sends. No back-channel logout URI: this client cannot receive one.
   */
  Api.Reply wildFlyClient() {
    Api.Reply created =
        api.postJson(
            "admin/clients",
            """
            {"client_name":"Elytron-App","first_party":true,"require_pkce":false,
             "scope":"openid profile","redirect_uris":["%s"]}
            """
                .formatted(PROFILE),
            admin);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.string("client_secret")).matches("[A-Za-z0-9_-]+");
    return created;
  }

  /** The second application: a public client with a page to land on after logout. */
  String otherClient() {
    Api.Reply created =
        api.postJson(
            "admin/clients",
            """
            {"client_name":"Other-App","token_endpoint_auth_method":"none","first_party":true,
             "scope":"openid profile","redirect_uris":["%s"],"post_logout_redirect_uris":["%s"]}
            """
                .formatted(OTHER_REDIRECT, OTHER_SIGNED_OUT),
            admin);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.string("client_id");
  }

  /** Builds the WAR for the client and deploys it to the suite's WildFly at /elytron-rp. */
  void deploy(String clientId, String secret) throws Exception {
    WebArchive war =
        ShrinkWrap.create(WebArchive.class, CONTEXT + ".war")
            .addClass(SignedInServlet.class)
            .addAsWebInfResource(
                new StringAsset(
                    """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                      <security-constraint>
                        <web-resource-collection>
                          <web-resource-name>everything</web-resource-name>
                          <url-pattern>/*</url-pattern>
                        </web-resource-collection>
                        <auth-constraint><role-name>**</role-name></auth-constraint>
                      </security-constraint>
                      <login-config><auth-method>OIDC</auth-method></login-config>
                    </web-app>
                    """),
                "web.xml")
            .addAsWebInfResource(
                new StringAsset(
                    """
                    {"provider-url": "%s", "client-id": "%s", "credentials": {"secret": "%s"},
                     "principal-attribute": "preferred_username"}
                    """
                        .formatted(ItServer.ISSUER, clientId, secret)),
                "oidc.json");
    try (ModelControllerClient client = management();
        InputStream content = war.as(ZipExporter.class).exportAsInputStream()) {
      deployed = new ServerDeploymentHelper(client).deploy(war.getName(), content);
    }
  }

  static Cookie appSession(RecordingBrowser browser) {
    return browser.web().getCookieManager().getCookies().stream()
        .filter(c -> c.getName().equals("JSESSIONID"))
        .filter(c -> c.getPath() != null && c.getPath().startsWith("/" + CONTEXT))
        .findFirst()
        .orElse(null);
  }

  /** The page WildFly's application serves a signed-in caller: this user, by username. */
  static void assertSignedInAs(Page page, String user, RecordingBrowser browser) {
    String why = page.getWebResponse().getContentAsString() + browser.trail();
    assertThat(page.getUrl().toString()).as(why).isEqualTo(PROFILE);
    assertThat(page.getWebResponse().getStatusCode()).as(why).isEqualTo(200);
    assertThat(page).as(why).isInstanceOf(HtmlPage.class);
    assertThat(((HtmlPage) page).getElementById("caller")).as(why).isNotNull();
    assertThat(((HtmlPage) page).getElementById("caller").asNormalizedText())
        .as(why)
        .isEqualTo(user);
  }

  @Test
  void aWildFlyAppSignsInThroughRotorAndOutlivesASingleLogoutUntilItsOwnSessionEnds()
      throws Exception {
    Api.Reply app = wildFlyClient();
    String other = otherClient();
    deploy(app.string("client_id"), app.string("client_secret"));
    String user = Users.registered(api, "elytron");

    try (RecordingBrowser browser = new RecordingBrowser()) {
      // Signed in to the WildFly application through Rotor's login page.
      Page login = browser.web().getPage(PROFILE);
      assertThat(login.getUrl().toString()).as(browser.trail()).startsWith(AUTHORIZE + "?");
      assertThat(((HtmlPage) login).getElementById("login")).as(browser.trail()).isNotNull();
      assertSignedInAs(Pages.submitLogin((HtmlPage) login, user, Users.PASSWORD), user, browser);
      Cookie session = appSession(browser);
      assertThat(session).as("the application's session cookie%s", browser.trail()).isNotNull();

      // Its next request is served signed in by its own session, without Rotor.
      browser.hops().clear();
      assertSignedInAs(browser.web().getPage(PROFILE), user, browser);
      assertThat(browser.hops()).as(browser.trail()).hasSize(1);

      // A second application signs in by the browser session, then logs the user out with its
      // ID token as the hint: Rotor's session ends at once.
      browser.web().getOptions().setRedirectEnabled(false);
      Flow flow = Flow.of(other, OTHER_REDIRECT);
      OIDCTokenResponse tokens = OidcClient.tokens(flow, flow.codeAtOnce(browser.web()));
      Page out =
          browser
              .web()
              .getPage(
                  ItServer.ISSUER
                      + "/oauth2/logout?id_token_hint="
                      + tokens.getOIDCTokens().getIDTokenString()
                      + "&post_logout_redirect_uri="
                      + URLEncoder.encode(OTHER_SIGNED_OUT, StandardCharsets.UTF_8));
      assertThat(Pages.status(out)).as(out.getWebResponse().getContentAsString()).isEqualTo(303);
      assertThat(Pages.location(out)).isEqualTo(OTHER_SIGNED_OUT);
      browser.web().getOptions().setRedirectEnabled(true);

      // WildFly 39.0.1's client has no back-channel logout: the same cookie still signs in.
      browser.hops().clear();
      assertSignedInAs(browser.web().getPage(PROFILE), user, browser);
      assertThat(browser.hops()).as(browser.trail()).hasSize(1);
      assertThat(appSession(browser).getValue()).isEqualTo(session.getValue());

      // Once its own session is gone, the application sends the browser to Rotor, whose session
      // ended: the login page asks for the password again.
      browser.web().getCookieManager().removeCookie(appSession(browser));
      browser.hops().clear();
      Page again = browser.web().getPage(PROFILE);
      String why = again.getWebResponse().getContentAsString() + browser.trail();
      assertThat(again.getUrl().toString()).as(why).startsWith(AUTHORIZE + "?");
      assertThat(again).as(why).isInstanceOf(HtmlPage.class);
      assertThat(((HtmlPage) again).getElementById("login")).as(why).isNotNull();
      assertThat(((HtmlPage) again).getElementById("caller")).as(why).isNull();
    }
  }
}
