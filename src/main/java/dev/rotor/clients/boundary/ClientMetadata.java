package dev.rotor.clients.boundary;

import dev.rotor.clients.control.Client;
import dev.rotor.clients.control.ClientKeys;
import dev.rotor.clients.control.ClientRegistrations;
import dev.rotor.clients.control.ClientRegistry;
import dev.rotor.clients.entity.RegisteredClient;
import dev.rotor.configuration.ClientRedirects;
import dev.rotor.configuration.TokenLifetimes;
import dev.rotor.problems.ProblemException;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * A client's metadata as JSON, named after RFC 7591 where it has a name, and read strictly: every
 * field checked, the one at fault named in a 400.
 */
final class ClientMetadata {

  static final Set<String> GRANT_TYPES =
      Set.of(
          ClientRegistry.AUTHORIZATION_CODE_GRANT,
          ClientRegistry.REFRESH_TOKEN_GRANT,
          ClientRegistry.CLIENT_CREDENTIALS_GRANT);
  static final Set<String> AUTH_METHODS =
      Set.of(Client.SECRET_BASIC, Client.SECRET_POST, Client.PRIVATE_KEY_JWT, Client.NONE);

  /** What an admin may set; the rest is Rotor's. */
  static final Set<String> SETTABLE =
      Set.of(
          "client_name",
          "token_endpoint_auth_method",
          "grant_types",
          "scope",
          "redirect_uris",
          "post_logout_redirect_uris",
          "first_party",
          "require_pkce",
          "introspect_any",
          "audiences",
          "backchannel_logout_uri",
          "backchannel_logout_session_required",
          "access_token_lifetime",
          "jwks",
          "jwks_uri",
          "enabled");

  static final Set<String> READ_ONLY =
      Set.of(
          "client_id",
          "client_secret",
          "previous_secret_expires_at",
          "configured",
          "created_at",
          "updated_at");

  /** The one field of a secret rotation's body. */
  static final String PREVIOUS_SECRET_EXPIRES_IN = "previous_secret_expires_in";

  /** A day: an access token cannot be revoked, so its lifetime stays short. */
  static final long MAX_LIFETIME_SECONDS = TokenLifetimes.CLIENT_ACCESS_TOKEN_MAX.toSeconds();

  private ClientMetadata() {}

  /** The settings the JSON describes, defaults filled in as the configuration keys fill them. */
  static RegisteredClient.Settings settings(JsonObject json) {
    for (String field : json.keySet()) {
      if (READ_ONLY.contains(field)) {
        throw ProblemException.invalidField(field, "is set by Rotor");
      }
      if (!SETTABLE.contains(field)) {
        throw ProblemException.invalidField(field, "is not a client setting");
      }
    }
    String name = string(json, "client_name", "", 256);
    String method = string(json, "token_endpoint_auth_method", Client.SECRET_BASIC, 32);
    if (!AUTH_METHODS.contains(method)) {
      throw ProblemException.invalidField(
          "token_endpoint_auth_method", "must be one of " + List.copyOf(AUTH_METHODS));
    }
    boolean confidential = !method.equals(Client.NONE);
    List<String> redirects = uris(json, "redirect_uris", confidential);
    List<String> logoutRedirects = uris(json, "post_logout_redirect_uris", confidential);
    List<String> grants =
        json.containsKey("grant_types")
            ? strings(json, "grant_types", 64)
            : redirects.isEmpty()
                ? List.of(ClientRegistry.REFRESH_TOKEN_GRANT)
                : List.of(
                    ClientRegistry.AUTHORIZATION_CODE_GRANT, ClientRegistry.REFRESH_TOKEN_GRANT);
    if (grants.isEmpty() || !GRANT_TYPES.containsAll(grants)) {
      throw ProblemException.invalidField(
          "grant_types", "must be a non-empty list of " + List.copyOf(GRANT_TYPES));
    }
    if (grants.contains(ClientRegistry.CLIENT_CREDENTIALS_GRANT) && !confidential) {
      // RFC 6749 §4.4: a public client has no credentials to grant anything on.
      throw ProblemException.invalidField(
          "grant_types", "client_credentials is for confidential clients only");
    }
    if (grants.contains(ClientRegistry.AUTHORIZATION_CODE_GRANT) && redirects.isEmpty()) {
      throw ProblemException.invalidField(
          "redirect_uris", "is required for the authorization_code grant");
    }
    String scope = string(json, "scope", ClientRegistry.DEFAULT_SCOPE, 1024);
    Set<String> scopes = ClientRegistry.list(scope);
    if (scopes.isEmpty() || !scopes.stream().allMatch(ClientMetadata::isScopeToken)) {
      throw ProblemException.invalidField(
          "scope", "must be one or more space-separated scope names (RFC 6749 §3.3)");
    }
    boolean requirePkce = bool(json, "require_pkce", true);
    if (!requirePkce && !confidential) {
      throw ProblemException.invalidField(
          "require_pkce", "must be true for a public client: PKCE is all that binds its codes");
    }
    List<String> audiences = strings(json, "audiences", 256);
    if (!audiences.stream().allMatch(ClientMetadata::isToken)) {
      throw ProblemException.invalidField("audiences", "must be names without spaces");
    }
    String backchannel = string(json, "backchannel_logout_uri", null, 2000);
    if (backchannel != null) {
      String problem = ClientRedirects.problem(backchannel, true);
      if (problem != null) {
        throw ProblemException.invalidField("backchannel_logout_uri", problem);
      }
    }
    Long lifetime = null;
    JsonValue ttl = json.get("access_token_lifetime");
    if (ttl != null && ttl != JsonValue.NULL) {
      if (!(ttl instanceof JsonNumber number)
          || !number.isIntegral()
          || number.bigDecimalValue().signum() <= 0
          || number.bigDecimalValue().compareTo(java.math.BigDecimal.valueOf(MAX_LIFETIME_SECONDS))
              > 0) {
        throw ProblemException.invalidField(
            "access_token_lifetime", "must be whole seconds, 1 to " + MAX_LIFETIME_SECONDS);
      }
      lifetime = number.longValue();
    }
    String jwks = jwks(json, method);
    return new RegisteredClient.Settings(
        name,
        method,
        String.join(" ", grants),
        String.join(" ", scopes),
        String.join(" ", redirects),
        String.join(" ", logoutRedirects),
        bool(json, "first_party", false),
        requirePkce,
        bool(json, "introspect_any", false),
        String.join(" ", audiences),
        backchannel,
        bool(json, "backchannel_logout_session_required", false),
        lifetime,
        jwks,
        jwksUri(json, method, jwks != null),
        bool(json, "enabled", true));
  }

  /** The inline JWK Set as stored, checked key by key: public keys only. */
  private static String jwks(JsonObject json, String method) {
    JsonValue value = json.get("jwks");
    if (value == null || value == JsonValue.NULL) {
      return null;
    }
    if (!method.equals(Client.PRIVATE_KEY_JWT)) {
      throw ProblemException.invalidField(
          "jwks", "is only for token_endpoint_auth_method private_key_jwt");
    }
    if (!(value instanceof JsonObject set)) {
      throw ProblemException.invalidField("jwks", "must be a JWK Set: an object with \"keys\"");
    }
    try {
      return ClientKeys.normalized(set.toString());
    } catch (ClientKeys.Refused e) {
      throw ProblemException.invalidField("jwks", e.getMessage());
    }
  }

  /** RFC 7591 §2: a private_key_jwt client registers its keys inline or by URL, not both. */
  private static String jwksUri(JsonObject json, String method, boolean inline) {
    String uri = string(json, "jwks_uri", null, ClientKeys.MAX_URI_CHARS);
    if (uri == null) {
      if (method.equals(Client.PRIVATE_KEY_JWT) && !inline) {
        throw ProblemException.invalidField(
            "jwks", "(or jwks_uri) is required for token_endpoint_auth_method private_key_jwt");
      }
      return null;
    }
    if (!method.equals(Client.PRIVATE_KEY_JWT)) {
      throw ProblemException.invalidField(
          "jwks_uri", "is only for token_endpoint_auth_method private_key_jwt");
    }
    if (inline) {
      throw ProblemException.invalidField(
          "jwks_uri", "must not be set with jwks: register the keys one way (RFC 7591 §2)");
    }
    String problem = ClientKeys.uriProblem(uri);
    if (problem != null) {
      throw ProblemException.invalidField("jwks_uri", problem);
    }
    return uri;
  }

  /**
   * How long a rotated secret's predecessor stays valid: {@code previous_secret_expires_in}
   * seconds, 0 to {@link ClientRegistrations#MAX_SECRET_OVERLAP}; the default when the body is
   * empty or leaves it out.
   */
  static Duration secretOverlap(JsonObject json) {
    for (String field : json.keySet()) {
      if (!field.equals(PREVIOUS_SECRET_EXPIRES_IN)) {
        throw ProblemException.invalidField(field, "is not a field of a secret rotation");
      }
    }
    JsonValue value = json.get(PREVIOUS_SECRET_EXPIRES_IN);
    if (value == null || value == JsonValue.NULL) {
      return ClientRegistrations.DEFAULT_SECRET_OVERLAP;
    }
    long max = ClientRegistrations.MAX_SECRET_OVERLAP.toSeconds();
    if (!(value instanceof JsonNumber number)
        || !number.isIntegral()
        || number.bigDecimalValue().signum() < 0
        || number.bigDecimalValue().compareTo(BigDecimal.valueOf(max)) > 0) {
      throw ProblemException.invalidField(
          PREVIOUS_SECRET_EXPIRES_IN, "must be whole seconds, 0 to " + max + " (30 days)");
    }
    return Duration.ofSeconds(number.longValue());
  }

  /**
   * The client as JSON, with its secret when one was just made (null otherwise), and the end of its
   * previous secret while that is still ahead of {@code now}.
   */
  static JsonObject json(Client client, String secret, Instant now) {
    JsonObjectBuilder json = Json.createObjectBuilder().add("client_id", client.id());
    if (secret != null) {
      json.add("client_secret", secret);
    }
    json.addAll(settable(client)).add("configured", client.configured());
    if (client.previousSecret() != null && now.isBefore(client.previousSecret().expiresAt())) {
      json.add("previous_secret_expires_at", client.previousSecret().expiresAt().toString());
    }
    return json.build();
  }

  /** The settings an admin may change, as a merge patch applies to them. */
  static JsonObjectBuilder settable(Client client) {
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("client_name", client.name())
            .add("token_endpoint_auth_method", authMethod(client))
            .add("grant_types", array(client.grantTypes()))
            .add("scope", client.scope())
            .add("redirect_uris", array(client.redirectUris()))
            .add("post_logout_redirect_uris", array(client.postLogoutRedirectUris()))
            .add("first_party", client.firstParty())
            .add("require_pkce", client.requirePkce())
            .add("introspect_any", client.introspectsAny())
            .add("audiences", array(client.audiences()))
            .add("backchannel_logout_session_required", client.backchannelLogoutSessionRequired())
            .add("enabled", client.enabled());
    if (client.backchannelLogoutUri() != null) {
      json.add("backchannel_logout_uri", client.backchannelLogoutUri());
    }
    Duration lifetime = client.accessTokenLifetime();
    if (lifetime != null) {
      json.add("access_token_lifetime", lifetime.toSeconds());
    }
    if (client.jwks() != null) {
      try (JsonReader reader = Json.createReader(new StringReader(client.jwks()))) {
        json.add("jwks", reader.readObject());
      }
    }
    if (client.jwksUri() != null) {
      json.add("jwks_uri", client.jwksUri());
    }
    return json;
  }

  /**
   * A configured client takes either secret method; it is shown as the one RFC 7591 defaults to.
   */
  private static String authMethod(Client client) {
    if (client.authMethod() != null) {
      return client.authMethod();
    }
    return client.isConfidential() ? Client.SECRET_BASIC : Client.NONE;
  }

  private static JsonArrayBuilder array(Collection<String> values) {
    JsonArrayBuilder array = Json.createArrayBuilder();
    values.forEach(array::add);
    return array;
  }

  private static List<String> uris(JsonObject json, String field, boolean confidential) {
    List<String> uris = strings(json, field, 2000);
    for (String uri : uris) {
      String problem = uri.isBlank() || !isToken(uri) ? "must not hold spaces" : null;
      if (problem == null) {
        problem = ClientRedirects.problem(uri, confidential);
      }
      if (problem != null) {
        throw ProblemException.invalidField(field, "'" + uri + "' " + problem);
      }
    }
    if (String.join(" ", uris).length() > 4000) {
      throw ProblemException.invalidField(field, "is too long (4,000 characters in all)");
    }
    return uris;
  }

  private static String string(JsonObject json, String field, String absent, int max) {
    JsonValue value = json.get(field);
    if (value == null || value == JsonValue.NULL) {
      return absent;
    }
    if (!(value instanceof JsonString text)) {
      throw ProblemException.invalidField(field, "must be a string");
    }
    if (text.getString().length() > max) {
      throw ProblemException.invalidField(field, "is too long (at most " + max + " characters)");
    }
    return text.getString();
  }

  private static boolean bool(JsonObject json, String field, boolean absent) {
    JsonValue value = json.get(field);
    if (value == null || value == JsonValue.NULL) {
      return absent;
    }
    if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
      throw ProblemException.invalidField(field, "must be true or false");
    }
    return value == JsonValue.TRUE;
  }

  private static List<String> strings(JsonObject json, String field, int max) {
    JsonValue value = json.get(field);
    if (value == null || value == JsonValue.NULL) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)
        || array.size() > 50
        || !array.stream().allMatch(v -> v instanceof JsonString)) {
      throw ProblemException.invalidField(field, "must be a list of at most 50 strings");
    }
    List<String> values = new ArrayList<>();
    for (JsonString text : array.getValuesAs(JsonString.class)) {
      if (text.getString().isEmpty() || text.getString().length() > max) {
        throw ProblemException.invalidField(field, "holds an empty or too long value");
      }
      if (!values.contains(text.getString())) {
        values.add(text.getString());
      }
    }
    return values;
  }

  private static boolean isToken(String value) {
    return !value.isEmpty() && value.chars().allMatch(c -> c > 0x20 && c < 0x7f);
  }

  /** RFC 6749 §3.3: visible ASCII but space, double quote and backslash. */
  private static boolean isScopeToken(String value) {
    return isToken(value) && value.chars().noneMatch(c -> c == '"' || c == '\\');
  }
}
