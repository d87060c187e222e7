package dev.rotor.it.support;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A client of Rotor's OAuth endpoints over plain HTTP, so that tests still see every status and
 * header: how it authenticates is chosen once (Basic, its id in the form, a bearer token, nothing)
 * and every grant, revocation and introspection it sends carries that.
 */
public final class OAuthClient {

  private final Api api;
  private final String id;
  private final String secret;
  private final String authorization;
  private final Map<String, String> formCredentials;

  private OAuthClient(
      Api api, String id, String secret, String authorization, Map<String, String> credentials) {
    this.api = api;
    this.id = id;
    this.secret = secret;
    this.authorization = authorization;
    this.formCredentials = credentials;
  }

  /** A confidential client authenticating with HTTP Basic (client_secret_basic). */
  public static OAuthClient confidential(Api api, String id, String secret) {
    return new OAuthClient(api, id, secret, basic(id, secret), Map.of());
  }

  /** A confidential client sending its id and secret in the form (client_secret_post). */
  public static OAuthClient secretInForm(Api api, String id, String secret) {
    return new OAuthClient(api, id, secret, null, Map.of("client_id", id, "client_secret", secret));
  }

  /** A public client: its id in the form, no secret. */
  public static OAuthClient publicClient(Api api, String id) {
    return new OAuthClient(api, id, null, null, Map.of("client_id", id));
  }

  /** No client authentication at all. */
  public static OAuthClient anonymous(Api api) {
    return new OAuthClient(api, null, null, null, Map.of());
  }

  /** A caller with a bearer token instead of a client (an admin may introspect). */
  public static OAuthClient bearer(Api api, String accessToken) {
    return new OAuthClient(api, null, null, "Bearer " + accessToken, Map.of());
  }

  /** The suite's confidential service client. */
  public static OAuthClient service(Api api) {
    return confidential(api, ItServer.SERVICE, ItServer.SERVICE_SECRET);
  }

  /** The {@code Authorization} header of HTTP Basic client authentication (RFC 6749 §2.3.1). */
  public static String basic(String id, String secret) {
    return "Basic "
        + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  /** The password login of the first-party API ({@code /auth/login}) as this client. */
  public Api.Reply login(String username, String password) {
    StringBuilder json =
        new StringBuilder("{\"username\":\"")
            .append(username)
            .append("\",\"password\":\"")
            .append(password)
            .append('"');
    if (id != null) {
      json.append(",\"client_id\":\"").append(id).append('"');
    }
    if (secret != null) {
      json.append(",\"client_secret\":\"").append(secret).append('"');
    }
    return api.postJson("auth/login", json.append('}').toString());
  }

  /** The refresh token grant. */
  public Api.Reply refresh(String refreshToken) {
    return token(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
  }

  /** The refresh token grant asking for this scope. */
  public Api.Reply refresh(String refreshToken, String scope) {
    return token(
        Map.of("grant_type", "refresh_token", "refresh_token", refreshToken, "scope", scope));
  }

  /** The authorization code grant (RFC 6749 §4.1.3) with its PKCE verifier. */
  public Api.Reply exchange(String code, String redirectUri, String verifier) {
    return token(
        Map.of(
            "grant_type",
            "authorization_code",
            "code",
            code,
            "redirect_uri",
            redirectUri,
            "code_verifier",
            verifier));
  }

  /** The token endpoint with these fields and this client's authentication. */
  public Api.Reply token(Map<String, String> fields) {
    return send("oauth2/token", fields);
  }

  /** RFC 7009 revocation. */
  public Api.Reply revoke(String token) {
    return send("oauth2/revoke", Map.of("token", token));
  }

  /** RFC 7662 introspection. */
  public Api.Reply introspect(String token) {
    return send("oauth2/introspect", Map.of("token", token));
  }

  private Api.Reply send(String path, Map<String, String> fields) {
    Map<String, String> all = new LinkedHashMap<>(fields);
    all.putAll(formCredentials);
    HttpRequest.Builder request =
        api.request(path)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(all)));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return api.send(request.build());
  }

  /** The fields, form-encoded. */
  public static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
