package dev.rotor.oauth.boundary;

import dev.rotor.keys.control.CookieSigner;
import dev.rotor.oauth.control.AuthorizationRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The consent step as the server started it: the consent page carries the server's signature of the
 * browser session, the request and an expiry, and a consent decision counts only with it. So a
 * decision posted without the page (the login form's hidden fields with {@code action=consent})
 * cannot skip the password that {@code prompt=login} or {@code max_age} asked for: the server
 * starts a consent step only after those are satisfied.
 */
@ApplicationScoped
public class ConsentSteps {

  /** How long a consent page may wait for its decision. */
  static final Duration TTL = Duration.ofMinutes(10);

  static final String FIELD = "consent_step";

  private static final String PURPOSE = "consent-step";

  @Inject CookieSigner signer;

  /** The value of the consent page's {@value #FIELD} field. */
  String start(String browserSessionId, AuthorizationRequest request, Instant now) {
    long until = now.plus(TTL).getEpochSecond();
    return until + "." + signer.sign(PURPOSE, signed(browserSessionId, until, request));
  }

  /** Whether {@code step} is one this server started for this browser session and request. */
  boolean started(String step, String browserSessionId, AuthorizationRequest request, Instant now) {
    if (step == null || !step.matches("\\d{1,12}\\.[A-Za-z0-9_-]{43}")) {
      return false;
    }
    int dot = step.indexOf('.');
    long until = Long.parseLong(step.substring(0, dot));
    return until > now.getEpochSecond()
        && signer.verifies(
            step.substring(dot + 1), PURPOSE, signed(browserSessionId, until, request));
  }

  private static String signed(String browserSessionId, long until, AuthorizationRequest request) {
    StringBuilder text = new StringBuilder(browserSessionId).append('\n').append(until);
    for (Map.Entry<String, String> field : request.formFields().entrySet()) {
      text.append('\n').append(field.getKey()).append('=').append(field.getValue());
    }
    return text.toString();
  }
}
