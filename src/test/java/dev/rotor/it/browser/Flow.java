package dev.rotor.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.Prompt;
import dev.rotor.it.support.ItServer;
import java.net.URI;
import java.net.URL;
import java.util.List;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;

/**
 * One authorization request (code flow, PKCE, state and nonce, built by the Nimbus SDK) and what
 * must come back to its redirect URI.
 */
public record Flow(
    String clientId,
    URI redirect,
    Scope scope,
    State state,
    Nonce nonce,
    CodeVerifier verifier,
    List<Prompt.Type> prompt,
    Integer maxAge) {

  /** Scope openid profile, fresh state, nonce and verifier. */
  public static Flow of(String clientId, String redirect) {
    return new Flow(
        clientId,
        URI.create(redirect),
        new Scope("openid", "profile"),
        new State(),
        new Nonce(),
        new CodeVerifier(),
        List.of(),
        null);
  }

  /** The same request for these scopes. */
  public Flow scope(String... scopes) {
    return new Flow(clientId, redirect, new Scope(scopes), state, nonce, verifier, prompt, maxAge);
  }

  public Flow prompt(Prompt.Type type) {
    return new Flow(clientId, redirect, scope, state, nonce, verifier, List.of(type), maxAge);
  }

  public Flow maxAge(int seconds) {
    return new Flow(clientId, redirect, scope, state, nonce, verifier, prompt, seconds);
  }

  public URL url() throws Exception {
    var builder =
        new AuthenticationRequest.Builder(
                ResponseType.CODE, scope, new ClientID(clientId), redirect)
            .endpointURI(OidcClient.AUTHORIZE)
            .state(state)
            .nonce(nonce)
            .codeChallenge(verifier, CodeChallengeMethod.S256);
    if (!prompt.isEmpty()) {
      builder.prompt(new Prompt(prompt.toArray(Prompt.Type[]::new)));
    }
    if (maxAge != null) {
      builder.maxAge(maxAge);
    }
    return builder.build().toURI().toURL();
  }

  /** The redirect back to the client, parsed as a client would (checks state and iss). */
  public AuthorizationSuccessResponse success(Page page) throws Exception {
    assertThat(Pages.status(page)).as(page.getWebResponse().getContentAsString()).isIn(302, 303);
    AuthorizationResponse response = parse(page);
    assertThat(response.indicatesSuccess()).as("redirect %s", Pages.location(page)).isTrue();
    assertThat(Pages.location(page)).startsWith(redirect + "?");
    return response.toSuccessResponse();
  }

  /** The error redirect back to the client, parsed as a client would (checks state and iss). */
  public AuthorizationErrorResponse error(Page page) throws Exception {
    assertThat(Pages.status(page)).isIn(302, 303);
    AuthorizationResponse response = parse(page);
    assertThat(response.indicatesSuccess()).isFalse();
    return response.toErrorResponse();
  }

  /** The error code the browser is sent back with when it opens this flow's URL. */
  public String errorCode(WebClient web) throws Exception {
    return error(web.getPage(url())).getErrorObject().getCode();
  }

  /** The code of a flow the browser's single sign-on session answers without a page. */
  public AuthorizationCode codeAtOnce(WebClient web) throws Exception {
    return success(web.getPage(url())).getAuthorizationCode();
  }

  /** Signs in through the login page: the browser now has a single sign-on session. */
  public AuthorizationCode signIn(WebClient web, String username, String password)
      throws Exception {
    HtmlPage login = web.getPage(url());
    assertThat(Pages.status(login)).isEqualTo(200);
    return success(Pages.submitLogin(login, username, password)).getAuthorizationCode();
  }

  private AuthorizationResponse parse(Page page) throws Exception {
    AuthorizationResponse response = AuthorizationResponse.parse(URI.create(Pages.location(page)));
    assertThat(response.getState()).isEqualTo(state);
    assertThat(response.getIssuer()).isEqualTo(new Issuer(ItServer.ISSUER));
    return response;
  }
}
