package dev.rotor.oauth.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rotor.audit.control.Origin;
import dev.rotor.clients.control.Client;
import dev.rotor.oauth.entity.AuthorizationCode;
import dev.rotor.sessions.control.AccountChangedMeanwhile;
import dev.rotor.sessions.control.SessionStart;
import dev.rotor.sessions.control.TokenPair;
import dev.rotor.sso.control.BrowserSessions;
import dev.rotor.users.control.Accounts;
import dev.rotor.users.entity.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The exchange's checks, in front of stand-ins for what keeps state in the database: the code
 * store, the session start, the accounts, the browser sessions and the ID token signer.
 */
class CodeExchangeTest {

  /** RFC 7636 Appendix B's verifier and its S256 challenge. */
  static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

  static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
  static final String REDIRECT = "https://partner.example/cb";
  static final String CODE = "the-code";
  static final String BROWSER_SESSION = "browser-session-1";
  static final Origin ORIGIN = new Origin("192.0.2.1", "test");

  final Instant now = Instant.parse("2026-12-07T10:00:00Z");

  /** The exchange reads only the client's id: whatever else it allows was checked before. */
  final Client partner =
      new Client("partner", null, Set.of("authorization_code", "refresh_token"), Set.of("openid"));

  final User alice = new User("alice", "hash-1", Set.of("user"), now.minusSeconds(3600));

  final Codes codes = new Codes();
  final Sessions sessions = new Sessions();
  final Users users = new Users();
  final SignIns signIns = new SignIns();
  final Signer signer = new Signer();
  final CodeExchange exchange = new CodeExchange();

  {
    exchange.codes = codes;
    exchange.sessionStart = sessions;
    exchange.accounts = users;
    exchange.browserSessions = signIns;
    exchange.idTokens = signer;
    users.byId.put(alice.id(), alice);
    signIns.alive.add(BROWSER_SESSION);
  }

  AuthorizationCode code(String scope, String challenge, String nonce) {
    return new AuthorizationCode(
        "hash-of-" + CODE,
        partner.id(),
        REDIRECT,
        challenge,
        nonce,
        scope,
        BROWSER_SESSION,
        alice.id(),
        alice.credentialVersion(),
        now.minusSeconds(30),
        now.minusSeconds(5),
        now.plus(AuthorizationCodes.LIFETIME).minusSeconds(5));
  }

  CodeExchange.Exchanged exchange(String verifier) {
    return exchange.exchange(partner, CODE, REDIRECT, verifier, ORIGIN, now);
  }

  /** The refusal's description; it must be invalid_grant and must have opened no session. */
  String refusal(Runnable attempt) {
    OAuthError error = catchThrowableOfType(OAuthError.class, attempt::run);
    assertThat(error).as("refused").isNotNull();
    assertThat(error.status()).isEqualTo(400);
    assertThat(error.code()).isEqualTo("invalid_grant");
    assertThat(sessions.opened).as("sessions opened").isEmpty();
    assertThat(codes.started).as("codes marked started").isEmpty();
    return error.getMessage();
  }

  @Test
  void codeOpensASessionForItsUserClientAndScope() {
    codes.store(code("profile", CHALLENGE, null));

    CodeExchange.Exchanged exchanged = exchange(VERIFIER);

    assertThat(sessions.opened).hasSize(1);
    Opened opened = sessions.opened.get(0);
    assertThat(opened.who().userId()).isEqualTo(alice.id());
    assertThat(opened.who().checkedPasswordHash()).isEqualTo("hash-1");
    assertThat(opened.clientId()).isEqualTo("partner");
    assertThat(opened.scope()).isEqualTo("profile");
    assertThat(opened.browserSessionId())
        .as("the session remembers the sign-in it was born from")
        .isEqualTo(BROWSER_SESSION);
    assertThat(signIns.signedInTo)
        .as("the browser session's logout will reach the client")
        .containsExactly(BROWSER_SESSION + " -> partner");
    assertThat(exchanged.pair().sessionId()).isEqualTo("session-1");
    assertThat(codes.started).containsExactly(CODE + " -> session-1");
    assertThat(exchanged.idToken()).as("no openid, no ID token").isNull();
  }

  @Test
  void openidScopeAddsAnIdTokenForTheSignInThatIssuedTheCode() {
    codes.store(code("openid profile", CHALLENGE, "n-0S6_WzA2Mj"));

    CodeExchange.Exchanged exchanged = exchange(VERIFIER);

    assertThat(exchanged.idToken()).isEqualTo("id-token-1");
    IdTokens.Identity identity = signer.issued.get(0);
    assertThat(identity.userId()).isEqualTo(alice.id());
    assertThat(identity.clientId()).isEqualTo("partner");
    assertThat(identity.nonce()).isEqualTo("n-0S6_WzA2Mj");
    assertThat(identity.browserSessionId()).isEqualTo(BROWSER_SESSION);
    assertThat(identity.authTime()).isEqualTo(now.minusSeconds(30));
    assertThat(identity.username()).isEqualTo("alice");
  }

  @Test
  void idTokenNamesTheUserAlsoWithScopeOpenidAlone() {
    codes.store(code("openid", CHALLENGE, null));

    exchange(VERIFIER);

    assertThat(signer.issued.get(0).username()).isEqualTo("alice");
  }

  @Test
  void unknownCodeIsRefused() {
    assertThat(refusal(() -> exchange(VERIFIER))).isEqualTo("The code is not valid.");
  }

  @Test
  void codeUsedBeforeIsReportedAsReplayedAndRefused() {
    codes.store(code("profile", CHALLENGE, null));
    exchange(VERIFIER);
    sessions.opened.clear();
    codes.started.clear();

    assertThat(refusal(() -> exchange(VERIFIER))).contains("used before");
    assertThat(codes.replayed).hasSize(1);
  }

  @Test
  void codeIsRefusedFromTheInstantItExpires() {
    AuthorizationCode bound = code("profile", CHALLENGE, null);
    codes.store(bound);
    Instant expiry = now.plus(AuthorizationCodes.LIFETIME).minusSeconds(5);

    assertThat(refusal(() -> exchange.exchange(partner, CODE, REDIRECT, VERIFIER, ORIGIN, expiry)))
        .isEqualTo("The code has expired.");
  }

  @Test
  void codeOfAnotherClientIsRefused() {
    codes.store(code("profile", CHALLENGE, null));
    Client other = new Client("other", null, Set.of("authorization_code"), Set.of("profile"));

    assertThat(refusal(() -> exchange.exchange(other, CODE, REDIRECT, VERIFIER, ORIGIN, now)))
        .contains("another client");
  }

  @Test
  void redirectUriMustRepeatTheAuthorizationRequestsExactly() {
    codes.store(code("profile", CHALLENGE, null));

    assertThat(
            refusal(() -> exchange.exchange(partner, CODE, REDIRECT + "/", VERIFIER, ORIGIN, now)))
        .contains("redirect_uri");
  }

  @Test
  void wrongVerifierIsRefused() {
    codes.store(code("profile", CHALLENGE, null));

    assertThat(refusal(() -> exchange(VERIFIER.replace('d', 'e')))).contains("code_verifier");
  }

  @Test
  void missingVerifierIsRefusedForACodeWithAChallenge() {
    codes.store(code("profile", CHALLENGE, null));

    assertThat(refusal(() -> exchange(null))).contains("code_verifier");
  }

  @Test
  void codeWithoutChallengeTakesNoVerifier() {
    codes.store(code("openid", null, "nonce"));

    assertThat(refusal(() -> exchange(VERIFIER))).contains("code_verifier");
  }

  @Test
  void codeWithoutChallengeIsExchangedWithoutVerifier() {
    codes.store(code("openid", null, "nonce"));

    assertThat(exchange(null).pair().sessionId()).isEqualTo("session-1");
  }

  @Test
  void codeIsRefusedOnceItsBrowserSessionHasEnded() {
    codes.store(code("profile", CHALLENGE, null));
    signIns.alive.clear();

    assertThat(refusal(() -> exchange(VERIFIER))).contains("sign-in that issued the code");
  }

  @Test
  void codeOfADisabledUserIsRefused() {
    codes.store(code("profile", CHALLENGE, null));
    alice.disable();

    assertThat(refusal(() -> exchange(VERIFIER))).contains("can no longer sign in");
  }

  @Test
  void codeOfADeletedUserIsRefused() {
    codes.store(code("profile", CHALLENGE, null));
    users.byId.clear();

    assertThat(refusal(() -> exchange(VERIFIER))).contains("can no longer sign in");
  }

  @Test
  void codeIsRefusedAfterAPasswordChange() {
    codes.store(code("profile", CHALLENGE, null));
    alice.changePasswordHash("hash-2");

    assertThat(refusal(() -> exchange(VERIFIER))).contains("password changed");
  }

  @Test
  void accountChangedWhileTheSessionOpensIsRefused() {
    codes.store(code("profile", CHALLENGE, null));
    sessions.accountChanges = true;

    assertThat(refusal(() -> exchange(VERIFIER))).contains("can no longer sign in");
  }

  @Test
  void pkceTakesOnlyTheS256OfAWellFormedVerifier() {
    assertThat(CodeExchange.pkceHolds(CHALLENGE, VERIFIER)).isTrue();
    assertThat(CodeExchange.pkceHolds(VERIFIER, VERIFIER)).as("plain").isFalse();
    assertThat(CodeExchange.pkceHolds(CHALLENGE, VERIFIER + "!")).as("bad character").isFalse();
    assertThat(CodeExchange.pkceHolds(CHALLENGE, "a".repeat(42))).as("too short").isFalse();
    assertThat(CodeExchange.pkceHolds(CHALLENGE, "a".repeat(129))).as("too long").isFalse();
    assertThat(CodeExchange.pkceHolds(null, null)).isTrue();
  }

  /** Codes by their plain value; each is spent once, and comes back as a replay after that. */
  static final class Codes extends AuthorizationCodes {
    final Map<String, AuthorizationCode> stored = new HashMap<>();
    final Set<String> spent = new HashSet<>();
    final List<AuthorizationCode> replayed = new ArrayList<>();
    final List<String> started = new ArrayList<>();

    void store(AuthorizationCode code) {
      stored.put(CODE, code);
    }

    @Override
    public Optional<Spent> spend(String code, Instant now) {
      return Optional.ofNullable(stored.get(code)).map(c -> new Spent(c, spent.add(code)));
    }

    @Override
    public void replayed(AuthorizationCode code, Origin origin) {
      replayed.add(code);
    }

    @Override
    public void started(String code, String sessionId, Origin origin) {
      started.add(code + " -> " + sessionId);
    }
  }

  record Opened(
      SessionStart.Authenticated who, String clientId, String scope, String browserSessionId) {}

  static final class Sessions extends SessionStart {
    final List<Opened> opened = new ArrayList<>();
    boolean accountChanges;

    @Override
    public TokenPair open(
        Authenticated who,
        String clientId,
        String scope,
        String browserSessionId,
        Origin origin,
        Instant now) {
      if (accountChanges) {
        throw new AccountChangedMeanwhile();
      }
      opened.add(new Opened(who, clientId, scope, browserSessionId));
      String id = "session-" + opened.size();
      return new TokenPair(
          "access", now.plusSeconds(300), "refresh", now.plusSeconds(3600), id, scope);
    }
  }

  static final class Users extends Accounts {
    final Map<String, User> byId = new HashMap<>();

    @Override
    public Optional<User> byId(String id) {
      return Optional.ofNullable(byId.get(id));
    }
  }

  static final class SignIns extends BrowserSessions {
    final Set<String> alive = new HashSet<>();
    final List<String> signedInTo = new ArrayList<>();

    @Override
    public void signedInTo(String sessionId, String clientId, Instant now) {
      signedInTo.add(sessionId + " -> " + clientId);
    }

    @Override
    public boolean isAlive(String sessionId, Instant now) {
      return alive.contains(sessionId);
    }
  }

  static final class Signer extends IdTokens {
    final List<Identity> issued = new ArrayList<>();

    @Override
    public String issue(Identity identity, Instant now) {
      issued.add(identity);
      return "id-token-" + issued.size();
    }
  }
}
