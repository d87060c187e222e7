package dev.rotor.it.browser;

import org.htmlunit.BrowserVersion;
import org.htmlunit.WebClient;

/** Headless browsers (HtmlUnit): each with its own cookies, no JavaScript, no CSS. */
public final class Browsers {

  private Browsers() {}

  /**
   * A browser that stops at every redirect, so that a test reads each {@code Location} itself: the
   * suite's clients are fake and their redirect URIs lead nowhere.
   */
  public static WebClient stoppingAtRedirects() {
    WebClient web = following();
    web.getOptions().setRedirectEnabled(false);
    return web;
  }

  /** A browser that follows redirects as a real one would; error statuses are pages, not throws. */
  public static WebClient following() {
    WebClient web = new WebClient(BrowserVersion.FIREFOX);
    web.getOptions().setThrowExceptionOnFailingStatusCode(false);
    web.getOptions().setJavaScriptEnabled(false);
    web.getOptions().setCssEnabled(false);
    return web;
  }
}
