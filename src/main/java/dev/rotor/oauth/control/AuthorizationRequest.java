package dev.rotor.oauth.control;

import dev.rotor.clients.control.Client;
import dev.rotor.clients.control.ClientRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A checked authorization request (RFC 6749 §4.1.1, OpenID Connect Core §3.1.2.1, RFC 7636): the
 * client, its exact redirect URI, the granted scopes, and what the request asks of the login. Pure:
 * {@link #parse} decides everything from the parameters and the client registry.
 */
public record AuthorizationRequest(
    Client client,
    String redirectUri,
    Set<String> scopes,
    String state,
    String nonce,
    String codeChallenge,
    Set<String> prompt,
    Duration maxAge,
    String loginHint) {

  public static final String OPENID = "openid";
  static final int MAX_STATE = 1024;
  static final int MAX_NONCE = 512;
  private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
  private static final Set<String> PROMPTS = Set.of("none", "login", "consent", "select_account");

  /**
   * The parameters of a GET query or a POSTed form; {@code params} answers each name's values (an
   * empty list when absent).
   */
  public static AuthorizationRequest parse(
      Function<String, List<String>> params, ClientRegistry clients) {
    String clientId = single(params, "client_id", null);
    if (clientId == null) {
      throw AuthorizationError.page("invalid_request", "The request names no client.");
    }
    Client client =
        clients
            .find(clientId)
            .orElseThrow(() -> AuthorizationError.page("invalid_client", "Unknown client."));
    String redirectUri = single(params, "redirect_uri", null);
    if (!client.allowsRedirectUri(redirectUri)) {
      throw AuthorizationError.page(
          "invalid_request",
          redirectUri == null
              ? "The request has no redirect_uri."
              : "The redirect_uri is not registered for this client.");
    }
    // From here on, errors go back to the client.
    String state = single(params, "state", redirectUri);
    if (state != null && state.length() > MAX_STATE) {
      throw AuthorizationError.redirect("invalid_request", "state is too long.", redirectUri, null);
    }
    Function<String, String> one = name -> single(params, name, redirectUri, state);
    if (one.apply("request") != null) {
      throw AuthorizationError.redirect(
          "request_not_supported", "Request objects are not supported.", redirectUri, state);
    }
    if (one.apply("request_uri") != null) {
      throw AuthorizationError.redirect(
          "request_uri_not_supported", "request_uri is not supported.", redirectUri, state);
    }
    String responseType = one.apply("response_type");
    if (responseType == null) {
      throw AuthorizationError.redirect(
          "invalid_request", "response_type is required.", redirectUri, state);
    }
    if (!responseType.equals("code")) {
      throw AuthorizationError.redirect(
          "unsupported_response_type", "Only response_type=code is supported.", redirectUri, state);
    }
    if (!client.mayUse(ClientRegistry.AUTHORIZATION_CODE_GRANT)) {
      throw AuthorizationError.redirect(
          "unauthorized_client", "The client may not use the code flow.", redirectUri, state);
    }
    String responseMode = one.apply("response_mode");
    if (responseMode != null && !responseMode.equals("query")) {
      throw AuthorizationError.redirect(
          "invalid_request", "Only response_mode=query is supported.", redirectUri, state);
    }
    Set<String> scopes = scopes(one.apply("scope"), client, redirectUri, state);
    String nonce = one.apply("nonce");
    if (nonce != null && nonce.length() > MAX_NONCE) {
      throw AuthorizationError.redirect(
          "invalid_request", "nonce is too long.", redirectUri, state);
    }
    String challenge = pkce(one, client, nonce, scopes, redirectUri, state);
    Set<String> prompt = ClientRegistry.list(orEmpty(one.apply("prompt")));
    if (prompt.contains("none") && prompt.size() > 1) {
      throw AuthorizationError.redirect(
          "invalid_request", "prompt=none cannot be combined.", redirectUri, state);
    }
    prompt.retainAll(PROMPTS);
    return new AuthorizationRequest(
        client,
        redirectUri,
        scopes,
        state,
        nonce,
        challenge,
        prompt,
        maxAge(one.apply("max_age"), redirectUri, state),
        one.apply("login_hint"));
  }

  private static Set<String> scopes(String scope, Client client, String redirectUri, String state) {
    Set<String> requested =
        scope == null ? new LinkedHashSet<>(client.scopes()) : ClientRegistry.list(scope);
    Set<String> allowed = new LinkedHashSet<>(client.scopes());
    allowed.add(OPENID);
    if (!allowed.containsAll(requested)) {
      throw AuthorizationError.redirect(
          "invalid_scope", "The client may not ask for that scope.", redirectUri, state);
    }
    return requested;
  }

  /**
   * S256 only (RFC 9700 §2.1.1). Required of public clients always; a confidential client
   * configured with require-pkce=false may instead send a nonce in an OpenID Connect request.
   */
  private static String pkce(
      Function<String, String> one,
      Client client,
      String nonce,
      Set<String> scopes,
      String redirectUri,
      String state) {
    String challenge = one.apply("code_challenge");
    String method = one.apply("code_challenge_method");
    if (challenge == null) {
      if (method != null) {
        throw AuthorizationError.redirect(
            "invalid_request", "code_challenge_method without code_challenge.", redirectUri, state);
      }
      if (client.requirePkce() || nonce == null || !scopes.contains(OPENID)) {
        throw AuthorizationError.redirect(
            "invalid_request",
            "PKCE is required: send code_challenge with code_challenge_method=S256.",
            redirectUri,
            state);
      }
      return null;
    }
    if (!"S256".equals(method)) {
      throw AuthorizationError.redirect(
          "invalid_request", "code_challenge_method must be S256.", redirectUri, state);
    }
    if (!CHALLENGE.matcher(challenge).matches()) {
      throw AuthorizationError.redirect(
          "invalid_request", "code_challenge is malformed.", redirectUri, state);
    }
    return challenge;
  }

  private static Duration maxAge(String value, String redirectUri, String state) {
    if (value == null) {
      return null;
    }
    try {
      long seconds = Long.parseLong(value);
      if (seconds >= 0) {
        return Duration.ofSeconds(seconds);
      }
    } catch (NumberFormatException e) {
      // falls through
    }
    throw AuthorizationError.redirect(
        "invalid_request", "max_age must be a number of seconds.", redirectUri, state);
  }

  /** At most one value (RFC 6749 §3.1); an empty value counts as absent. */
  private static String single(
      Function<String, List<String>> params, String name, String redirectUri, String state) {
    List<String> values = params.apply(name);
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      String description = name + " is repeated.";
      throw redirectUri == null
          ? AuthorizationError.page("invalid_request", description)
          : AuthorizationError.redirect("invalid_request", description, redirectUri, state);
    }
    String value = values.get(0);
    return value == null || value.isEmpty() ? null : value;
  }

  private static String single(
      Function<String, List<String>> params, String name, String redirectUri) {
    return single(params, name, redirectUri, null);
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  /** Whether a space-separated scope string has this scope. */
  public static boolean hasScope(String scope, String wanted) {
    return ClientRegistry.list(scope == null ? "" : scope).contains(wanted);
  }

  public boolean isOpenId() {
    return scopes.contains(OPENID);
  }

  public String scope() {
    return String.join(" ", scopes);
  }

  /** Whether the user must give their password now, though signed in since {@code authTime}. */
  public boolean needsPassword(Instant authTime, Instant now) {
    return prompt.contains("login") || isOlderThanMaxAge(authTime, now);
  }

  /** Whether a sign-in at {@code authTime} is older than {@code max_age} allows. */
  public boolean isOlderThanMaxAge(Instant authTime, Instant now) {
    return maxAge != null && authTime.plus(maxAge).isBefore(now);
  }

  /**
   * The request again, as the hidden fields of the login and consent forms: what comes back is
   * parsed and checked afresh, never trusted. {@code prompt} goes along (prompt=consent must still
   * ask after the password); prompt=login is satisfied by the password the login form checks, and a
   * consent decision counts only for a consent step the server started.
   */
  public Map<String, String> formFields() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("response_type", "code");
    fields.put("client_id", client.id());
    fields.put("redirect_uri", redirectUri);
    fields.put("scope", scope());
    put(fields, "state", state);
    put(fields, "nonce", nonce);
    if (codeChallenge != null) {
      fields.put("code_challenge", codeChallenge);
      fields.put("code_challenge_method", "S256");
    }
    if (maxAge != null) {
      fields.put("max_age", Long.toString(maxAge.toSeconds()));
    }
    put(fields, "login_hint", loginHint);
    if (!prompt.isEmpty()) {
      fields.put("prompt", String.join(" ", prompt));
    }
    return fields;
  }

  private static void put(Map<String, String> fields, String name, String value) {
    if (value != null) {
      fields.put(name, value);
    }
  }
}
