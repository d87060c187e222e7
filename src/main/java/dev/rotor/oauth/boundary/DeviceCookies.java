package dev.rotor.oauth.boundary;

import dev.rotor.configuration.ThrottleSettings;
import dev.rotor.keys.control.CookieSigner;
import dev.rotor.security.SecretTokens;
import dev.rotor.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.NewCookie;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Device cookies (OWASP's answer to lockout attacks): a browser that signed in to an account holds
 * a cookie signed for that account, and the brute-force defence counts its failures apart from
 * everyone else's, so a stranger's wrong passwords never lock it out. The cookie is a random device
 * id and one signature per account (the newest {@value #MAX_ACCOUNTS}), so it names no user; it
 * lives as long as an address stays familiar ({@code rotor.throttle.login.trusted-for}).
 */
@ApplicationScoped
public class DeviceCookies {

  public static final String NAME = "rotor_device";
  static final String HOST_NAME = BrowserCookies.HOST_PREFIX + NAME;
  static final int MAX_ACCOUNTS = 5;
  private static final String PURPOSE = "device";
  private static final String PART = "[A-Za-z0-9_-]{43}";

  @Inject CookieSigner signer;

  @Inject BrowserCookies cookies;

  @Inject ThrottleSettings throttle;

  /** The device id when the cookie is one Rotor signed for this username, else null. */
  String deviceFor(String cookie, String username) {
    if (username == null || !isWellFormed(cookie)) {
      return null;
    }
    String[] parts = cookie.split("\\.");
    String signed = parts[0] + "\n" + User.keyOf(username);
    boolean matches = false;
    for (int i = 1; i < parts.length; i++) {
      // Every signature is compared, so the time taken says nothing about which one matched.
      matches |= signer.verifies(parts[i], PURPOSE, signed);
    }
    return matches ? parts[0] : null;
  }

  /** The cookie after a sign-in to {@code username}: its signature first, the oldest dropped. */
  NewCookie signedIn(String cookie, String username) {
    List<String> signatures = new ArrayList<>();
    String device;
    if (isWellFormed(cookie)) {
      String[] parts = cookie.split("\\.");
      device = parts[0];
      signatures.addAll(Arrays.asList(parts).subList(1, parts.length));
    } else {
      device = SecretTokens.mint();
    }
    String own = signature(device, username);
    signatures.remove(own);
    signatures.add(0, own);
    String value =
        device
            + "."
            + String.join(".", signatures.subList(0, Math.min(MAX_ACCOUNTS, signatures.size())));
    return cookies.persistent(NAME, value, throttle.trustedFor());
  }

  private String signature(String device, String username) {
    return signer.sign(PURPOSE, device + "\n" + User.keyOf(username));
  }

  private static boolean isWellFormed(String cookie) {
    return cookie != null
        && cookie.length() <= 44 * (MAX_ACCOUNTS + 1)
        && cookie.matches(PART + "(\\." + PART + "){1," + MAX_ACCOUNTS + "}");
  }
}
