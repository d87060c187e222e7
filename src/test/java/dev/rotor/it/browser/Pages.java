package dev.rotor.it.browser;

import java.util.ArrayList;
import java.util.List;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.NameValuePair;

/** What a user does on Rotor's login, consent and logout pages, and what a test reads off them. */
public final class Pages {

  private Pages() {}

  public static String location(Page page) {
    return page.getWebResponse().getResponseHeaderValue("Location");
  }

  public static int status(Page page) {
    return page.getWebResponse().getStatusCode();
  }

  /** Fills and sends the login form of the page. */
  public static Page submitLogin(HtmlPage page, String username, String password) throws Exception {
    HtmlForm form = page.getHtmlElementById("login");
    form.getInputByName("username").setValue(username);
    form.getInputByName("password").setValue(password);
    return form.getButtonByName("action").click();
  }

  /** Presses Allow or Deny on the consent page. */
  public static Page decide(HtmlPage consent, String decision) throws Exception {
    HtmlForm form = consent.getHtmlElementById("consent");
    return form.getButtonsByName("decision").stream()
        .filter(b -> b.getAttribute("value").equals(decision))
        .findFirst()
        .orElseThrow()
        .click();
  }

  /** Opens the logout URL and confirms on its page. */
  public static Page logOut(WebClient web, String url) throws Exception {
    HtmlPage confirm = web.getPage(url);
    return ((HtmlForm) confirm.getHtmlElementById("logout")).getButtonByName("action").click();
  }

  /** Every field of a form, hidden ones included, as the browser would send it. */
  public static List<NameValuePair> fields(HtmlForm form) {
    List<NameValuePair> fields = new ArrayList<>();
    for (var input : form.getElementsByTagName("input")) {
      fields.add(new NameValuePair(input.getAttribute("name"), input.getAttribute("value")));
    }
    return fields;
  }

  public static String value(List<NameValuePair> fields, String name) {
    return fields.stream()
        .filter(f -> f.getName().equals(name))
        .map(NameValuePair::getValue)
        .findFirst()
        .orElseThrow();
  }

  /**
   * Posts the fields to the authorization endpoint from the browser, with its cookies; {@code more}
   * replaces fields of the same name.
   */
  public static Page post(WebClient web, List<NameValuePair> fields, NameValuePair... more)
      throws Exception {
    WebRequest post = new WebRequest(OidcClient.AUTHORIZE.toURL(), HttpMethod.POST);
    List<NameValuePair> all = new ArrayList<>(fields);
    all.removeIf(f -> List.of(more).stream().anyMatch(m -> m.getName().equals(f.getName())));
    all.addAll(List.of(more));
    post.setRequestParameters(all);
    return web.getPage(post);
  }
}
