package dev.rotor.clients.boundary;

import dev.rotor.clients.control.ClientRegistry;
import dev.rotor.clients.control.DynamicRegistrations;
import dev.rotor.clients.control.RegistrationRejected;
import dev.rotor.clients.entity.RegisteredClient;
import dev.rotor.http.JsonBodies;
import dev.rotor.problems.ProblemException;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * RFC 7591 client metadata from whoever holds an initial access token, read by {@link
 * ClientMetadata} as an admin's is, within narrower bounds: what only an admin may grant (first
 * party, introspecting every token, other audiences, another token lifetime, no PKCE) is refused,
 * grant types and scopes are those of a third-party client, and metadata Rotor does not know is
 * ignored (RFC 7591 §2).
 */
final class RegistrationMetadata {

  static final Set<String> ADMIN_ONLY =
      Set.of("first_party", "introspect_any", "audiences", "access_token_lifetime", "require_pkce");

  static final List<String> GRANT_TYPES =
      List.of(ClientRegistry.AUTHORIZATION_CODE_GRANT, ClientRegistry.REFRESH_TOKEN_GRANT);

  /** What a third-party client may ask a user for; other scopes an admin grants. */
  static final List<String> SCOPES = List.of("openid", "profile", "email");

  static final String DEFAULT_SCOPE = "openid profile";

  static final String CODE = "code";

  private RegistrationMetadata() {}

  /** The settings of the client to register, or {@link RegistrationRejected} saying why not. */
  static RegisteredClient.Settings settings(String body) {
    JsonObject json;
    try {
      json = JsonBodies.object(body);
    } catch (ProblemException e) {
      throw metadata(e.detail());
    }
    JsonObjectBuilder kept = Json.createObjectBuilder();
    for (Map.Entry<String, JsonValue> field : json.entrySet()) {
      if (ADMIN_ONLY.contains(field.getKey())) {
        throw metadata(field.getKey() + ": is an admin's to set, not a registration's");
      }
      if (ClientMetadata.SETTABLE.contains(field.getKey())) {
        kept.add(field.getKey(), field.getValue());
      }
    }
    JsonValue grants = json.get("grant_types");
    if (grants instanceof JsonArray array
        && !array.stream()
            .allMatch(v -> v instanceof JsonString s && GRANT_TYPES.contains(s.getString()))) {
      throw metadata("grant_types: a registered client may use only " + GRANT_TYPES);
    }
    JsonValue scope = json.get("scope");
    if (scope == null || scope == JsonValue.NULL) {
      kept.add("scope", DEFAULT_SCOPE);
    } else if (scope instanceof JsonString s
        && !SCOPES.containsAll(ClientRegistry.list(s.getString()))) {
      throw metadata("scope: a registered client may ask only for " + SCOPES);
    }
    kept.add("first_party", false).add("introspect_any", false).add("require_pkce", true);
    RegisteredClient.Settings settings;
    try {
      settings = ClientMetadata.settings(kept.build());
    } catch (ProblemException e) {
      if ("redirect_uris".equals(e.field())) {
        throw new RegistrationRejected(
            RegistrationRejected.Reason.INVALID_REDIRECT_URI, e.detail());
      }
      throw metadata(e.detail());
    }
    checkResponseTypes(
        json.get("response_types"),
        ClientRegistry.list(settings.grantTypes())
            .contains(ClientRegistry.AUTHORIZATION_CODE_GRANT));
    return settings;
  }

  /** RFC 7591 §2.1: {@code code} goes with {@code authorization_code}; Rotor has no other. */
  private static void checkResponseTypes(JsonValue value, boolean authorizationCode) {
    if (value == null || value == JsonValue.NULL) {
      return;
    }
    if (!(value instanceof JsonArray array)
        || !array.stream().allMatch(v -> v instanceof JsonString s && s.getString().equals(CODE))) {
      throw metadata("response_types: Rotor has only [\"code\"]");
    }
    if (array.isEmpty() == authorizationCode) {
      throw metadata(
          "response_types: [\"code\"] goes with the authorization_code grant, and only with it");
    }
  }

  /** RFC 7591 §3.2.1: the client information response. */
  static JsonObject json(DynamicRegistrations.Registration registration) {
    JsonObjectBuilder json =
        Json.createObjectBuilder(
                ClientMetadata.json(
                    registration.client(), registration.secret(), registration.issuedAt()))
            .add("client_id_issued_at", registration.issuedAt().getEpochSecond());
    if (registration.secret() != null) {
      // The secret does not expire; an admin rotates it.
      json.add("client_secret_expires_at", 0);
    }
    JsonArrayBuilder responseTypes = Json.createArrayBuilder();
    if (registration.client().mayUse(ClientRegistry.AUTHORIZATION_CODE_GRANT)) {
      responseTypes.add(CODE);
    }
    return json.add("response_types", responseTypes).build();
  }

  private static RegistrationRejected metadata(String detail) {
    return new RegistrationRejected(RegistrationRejected.Reason.INVALID_METADATA, detail);
  }
}
