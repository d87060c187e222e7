package dev.rotor.it.fuzz;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import dev.rotor.it.fuzz.OpenApiOperations.Operation;
import dev.rotor.it.support.Api;
import dev.rotor.it.support.ItServer;
import dev.rotor.it.support.OAuthClient;
import dev.rotor.it.support.Users;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The users, tokens and refresh tokens the fuzz owns; restored when a case changes them. */
final class Fixtures {
  final Api api;
  final String tag = UUID.randomUUID().toString().substring(0, 6);
  String suiteAdmin;
  Account admin;
  String adminToken;
  Account user;
  String userToken;
  String userSession;
  Account pool;

  /** The account login cases name, right or wrong password: its lock harms nobody. */
  Account target;

  final List<Account> victims = new ArrayList<>();
  final Map<String, Deque<String>> refreshTokens = new HashMap<>();
  final Map<String, String> forged = new LinkedHashMap<>();
  final Map<String, Integer> adminSpent = new HashMap<>();
  int logins;

  Instant tokensAt;

  /** A CSRF cookie the server minted and its login form's token: forms past the CSRF check. */
  String csrfCookie;

  String csrfToken;

  Fixtures(Api api) throws Exception {
    this.api = api;
    suiteAdmin = Users.adminToken(api);
    admin = created("fuzz-admin-" + tag, "[\"user\",\"admin\"]");
    user = created("fuzz-user-" + tag, "[\"user\"]");
    pool = created("fuzz-pool-" + tag, "[\"user\"]");
    target = created("fuzz-target-" + tag, "[\"user\"]");
    for (int i = 0; i < 3; i++) {
      victims.add(created("fuzz-victim" + i + "-" + tag, i == 0 ? "[\"user\",\"admin\"]" : null));
    }
    freshen();
    mintCsrf();
  }

  void mintCsrf() {
    Api.Reply page =
        api.get(
            "oauth2/authorize?response_type=code&client_id="
                + ItServer.SPA
                + "&redirect_uri="
                + java.net.URLEncoder.encode(ItServer.SPA_REDIRECT, StandardCharsets.UTF_8)
                + "&scope=openid&state=s&nonce=n&code_challenge_method=S256&code_challenge="
                + "A".repeat(43),
            null);
    java.util.regex.Matcher cookie =
        java.util.regex.Pattern.compile("rotor_csrf=([^;]+)")
            .matcher(String.valueOf(page.header("Set-Cookie")));
    java.util.regex.Matcher token =
        java.util.regex.Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"")
            .matcher(page.body());
    if (page.status() != 200 || !cookie.find() || !token.find()) {
      throw new IllegalStateException("no login page: " + page.status());
    }
    csrfCookie = cookie.group(1);
    csrfToken = token.group(1);
  }

  Account created(String username, String roles) {
    String password = "fuzzing passphrase " + UUID.randomUUID();
    Api.Reply reply =
        api.postJson(
            "admin/users",
            "{\"username\":\""
                + username
                + "\",\"password\":\""
                + password
                + "\""
                + (roles == null ? "" : ",\"roles\":" + roles)
                + "}",
            suiteAdmin);
    if (reply.status() != 201) {
      throw new IllegalStateException("cannot create " + username + ": " + reply.body());
    }
    return new Account(reply.string("id"), username, password);
  }

  /** New access tokens when the old ones are past half their life. */
  void freshen() {
    if (tokensAt != null && tokensAt.isAfter(Instant.now().minusSeconds(120))) {
      return;
    }
    suiteAdmin = Users.adminToken(api);
    adminToken = login(admin, null, null).string("access_token");
    try {
      Api.Reply u = login(user, null, null);
      userToken = u.string("access_token");
      userSession = u.string("session_id");
    } catch (IllegalStateException lockedByTheFuzz) {
      if (userToken == null) {
        throw lockedByTheFuzz;
      }
      // Wrong current passwords in password changes lock the user: its token lives on.
    }
    tokensAt = Instant.now();
    forge();
  }

  Api.Reply login(Account account, String clientId, String clientSecret) {
    logins++;
    OAuthClient client =
        clientId == null
            ? OAuthClient.anonymous(api)
            : clientSecret == null
                ? OAuthClient.publicClient(api, clientId)
                : OAuthClient.confidential(api, clientId, clientSecret);
    Api.Reply reply = client.login(account.username(), account.password());
    if (reply.status() != 200) {
      throw new IllegalStateException(
          "fixture login of " + account.username() + ": " + reply.status() + " " + reply.body());
    }
    return reply;
  }

  /** Tokens signed with the server's real key, with claims Rotor would never issue. */
  private void forge() {
    Map<String, Object> claims;
    try {
      claims = SignedJWT.parse(userToken).getJWTClaimsSet().toJSONObject();
    } catch (ParseException e) {
      throw new IllegalStateException(e);
    }
    long now = Instant.now().getEpochSecond();
    forged.clear();
    forged.put("long sid", sign(claims, Map.of("sid", "s".repeat(300))));
    forged.put("long sub", sign(claims, Map.of("sub", "u".repeat(300))));
    forged.put("long jti", sign(claims, Map.of("jti", "j".repeat(300))));
    forged.put("unknown sub", sign(claims, Map.of("sub", UUID.randomUUID().toString())));
    forged.put("scope openid", sign(claims, Map.of("scope", "openid profile")));
    forged.put(
        "admin group, not admin",
        sign(claims, Map.of("groups", List.of("admin", "user"), "scope", "openid")));
    forged.put("no groups", sign(claims, Map.of("groups", List.of())));
    forged.put("other audience", sign(claims, Map.of("aud", "orders")));
    forged.put("expired", sign(claims, Map.of("exp", now - 3600, "iat", now - 7200)));
    forged.put("sid a number", sign(claims, Map.of("sid", 12, "scope", "openid")));
    forged.put("sid unicode", sign(claims, Map.of("sid", "\u2603\u0000x", "scope", "openid")));
    forged.put("groups a string", sign(claims, Map.of("groups", "admin")));
  }

  private String sign(Map<String, Object> claims, Map<String, Object> changes) {
    Map<String, Object> changed = new LinkedHashMap<>(claims);
    changed.putAll(changes);
    return api.sign(JSONObjectUtils.toJSONString(changed));
  }

  /** A live refresh token of the client (rotor-app, it-public, it-service), or null. */
  String takeRefreshToken(String client) {
    Deque<String> tokens = refreshTokens.computeIfAbsent(client, k -> new ArrayDeque<>());
    if (tokens.isEmpty() && logins < 120) {
      String secret = ItServer.SERVICE.equals(client) ? ItServer.SERVICE_SECRET : null;
      String clientId = ClientIds.FIRST_PARTY.equals(client) ? null : client;
      tokens.add(login(pool, clientId, secret).string("refresh_token"));
    }
    return tokens.poll();
  }

  void giveBack(String client, String token) {
    refreshTokens.computeIfAbsent(client, k -> new ArrayDeque<>()).add(token);
  }

  /** Puts back what a case changed: spent tokens, changed or deleted fixture users. */
  void after(Operation operation, Case c, FuzzHttp.Reply reply) {
    boolean succeeded = reply.status() >= 200 && reply.status() < 300;
    if (c.refreshToken() != null) {
      if (!succeeded) {
        giveBack(c.refreshClient(), c.refreshToken());
      } else if (operation.path().equals("/oauth2/introspect")) {
        giveBack(c.refreshClient(), c.refreshToken());
      } else if (reply.status() == 200 && reply.body().contains("\"refresh_token\"")) {
        try {
          giveBack(
              c.refreshClient(), (String) JSONObjectUtils.parse(reply.body()).get("refresh_token"));
        } catch (ParseException e) {
          // a success that is no JSON is reported by check()
        }
      }
    }
    if (!succeeded || c.target() == null) {
      return;
    }
    if (operation.key().equals("PUT /users/me/password")) {
      try {
        Object next =
            JSONObjectUtils.parse(new String(c.request().body(), StandardCharsets.UTF_8))
                .get("new_password");
        user = new Account(user.id(), user.username(), (String) next);
      } catch (ParseException | ClassCastException e) {
        throw new IllegalStateException("a password change succeeded with " + c, e);
      }
    }
    if (operation.method().equals("DELETE") && operation.path().equals("/admin/users/{id}")) {
      for (int i = 0; i < victims.size(); i++) {
        if (victims.get(i).id().equals(c.target())) {
          victims.set(
              i,
              created(
                  "fuzz-victim" + i + "-" + UUID.randomUUID().toString().substring(0, 6),
                  i == 0 ? "[\"user\",\"admin\"]" : null));
        }
      }
    }
    if (operation.method().equals("PATCH")) {
      boolean isAdmin = c.target().equals(admin.id()) || c.target().equals(victims.get(0).id());
      api.patchJson(
          "admin/users/" + c.target(),
          "{\"enabled\":true,\"roles\":" + (isAdmin ? "[\"user\",\"admin\"]" : "[\"user\"]") + "}",
          suiteAdmin);
    }
  }
}
