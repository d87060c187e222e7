package dev.rotor.oauth.control;

import dev.rotor.audit.control.Origin;
import dev.rotor.clients.control.Client;
import dev.rotor.oauth.entity.AuthorizationCode;
import dev.rotor.sessions.control.AccountChangedMeanwhile;
import dev.rotor.sessions.control.SessionStart;
import dev.rotor.sessions.control.TokenPair;
import dev.rotor.sso.control.BrowserSessions;
import dev.rotor.users.control.Accounts;
import dev.rotor.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;

/**
 * The authorization code grant (RFC 6749 §4.1.3, RFC 7636 §4.6): spends the code once, checks that
 * the request repeats what the code is bound to, and opens a token session (the same rotation,
 * reuse and lifetime rules as every other) with an ID token when the scope has {@code openid}.
 */
// Not transactional as a whole: spending the code commits at once (a concurrent second exchange
// must see it), and opening a session is one statement or a short transaction of its own.
@ApplicationScoped
public class CodeExchange {

  @Inject AuthorizationCodes codes;

  @Inject SessionStart sessionStart;

  @Inject Accounts accounts;

  @Inject BrowserSessions browserSessions;

  @Inject IdTokens idTokens;

  private static final String SIGN_IN_ENDED =
      "The sign-in that issued the code has ended, or the password changed since.";

  /** The token pair, and the ID token (null without scope openid). */
  public record Exchanged(TokenPair pair, String idToken) {}

  public Exchanged exchange(
      Client client, String code, String redirectUri, String verifier, Origin origin, Instant now) {
    var spent = codes.spend(code, now).orElseThrow(() -> invalidGrant("The code is not valid."));
    AuthorizationCode bound = spent.code();
    if (!spent.firstUse()) {
      codes.replayed(bound, origin);
      throw invalidGrant("The code was used before; the session it started is revoked.");
    }
    if (bound.isExpired(now)) {
      throw invalidGrant("The code has expired.");
    }
    if (!bound.clientId().equals(client.id())) {
      throw invalidGrant("The code was issued to another client.");
    }
    if (!bound.redirectUri().equals(redirectUri)) {
      throw invalidGrant("redirect_uri differs from the authorization request's.");
    }
    if (!pkceHolds(bound.codeChallenge(), verifier)) {
      throw invalidGrant("The code_verifier does not match the code_challenge.");
    }
    // A code is worth no more than the sign-in that issued it: once the browser session ends
    // (logout, password change, disable) or the password changes, a code held by someone else
    // must not open a session.
    if (!browserSessions.isAlive(bound.browserSessionId(), now)) {
      throw invalidGrant(SIGN_IN_ENDED);
    }
    User user =
        accounts
            .byId(bound.userId())
            .filter(User::isEnabled)
            .orElseThrow(() -> invalidGrant("The user can no longer sign in."));
    if (bound.credentialVersion() == null
        || !bound.credentialVersion().equals(user.credentialVersion())) {
      throw invalidGrant(SIGN_IN_ENDED);
    }
    // Recorded before the session opens: a logout racing this exchange then reaches the client
    // too, and a failed exchange only costs the client one logout token it can ignore.
    browserSessions.signedInTo(bound.browserSessionId(), client.id(), now);
    TokenPair pair;
    try {
      // The hash just read is the one the code was issued under; the session opens only if it is
      // still the account's when the session is written, so a password change racing this
      // exchange either comes first (no session) or revokes this one with the others.
      pair =
          sessionStart.open(
              new SessionStart.Authenticated(
                  user.id(), user.username(), user.roles(), user.passwordHash()),
              client.id(),
              bound.scope(),
              bound.browserSessionId(),
              origin,
              now);
    } catch (AccountChangedMeanwhile e) {
      throw invalidGrant("The user can no longer sign in.");
    }
    codes.started(code, pair.sessionId(), origin);
    String idToken = null;
    if (AuthorizationRequest.hasScope(bound.scope(), AuthorizationRequest.OPENID)) {
      idToken =
          idTokens.issue(
              new IdTokens.Identity(
                  user.id(),
                  client.id(),
                  bound.nonce(),
                  bound.authTime(),
                  bound.browserSessionId(),
                  user.username(),
                  user.roles()),
              now);
    }
    return new Exchanged(pair, idToken);
  }

  /**
   * RFC 7636 §4.6, S256 only, compared in constant time. A code bound to no challenge (a
   * confidential client exempted, with a nonce) must not get a verifier either (RFC 9700 §2.1.1).
   */
  static boolean pkceHolds(String challenge, String verifier) {
    if (challenge == null) {
      return verifier == null;
    }
    if (verifier == null || !verifier.matches("[A-Za-z0-9._~-]{43,128}")) {
      return false;
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      String computed = Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
      return MessageDigest.isEqual(
          computed.getBytes(StandardCharsets.US_ASCII),
          challenge.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static OAuthError invalidGrant(String description) {
    return new OAuthError(400, "invalid_grant", description);
  }
}
