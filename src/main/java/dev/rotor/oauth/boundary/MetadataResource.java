package dev.rotor.oauth.boundary;

import dev.rotor.clients.control.Client;
import dev.rotor.clients.control.ClientKeys;
import dev.rotor.clients.control.ClientRegistry;
import dev.rotor.configuration.ClientRegistrationSettings;
import dev.rotor.configuration.IssuerSettings;
import dev.rotor.configuration.KeySettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * RFC 8414 authorization server metadata, also served as OIDC Discovery: every URL derives from
 * {@code rotor.issuer}, the address clients use, not from the request.
 */
@ApplicationScoped
@Path(".well-known")
@Produces(MediaType.APPLICATION_JSON)
public class MetadataResource {

  @Inject IssuerSettings issuer;

  @Inject KeySettings keys;

  @Inject ClientRegistry clients;

  @Inject ClientRegistrationSettings registration;

  @GET
  @Path("oauth-authorization-server")
  public Response authorizationServer() {
    return metadata();
  }

  @GET
  @Path("openid-configuration")
  public Response openidConfiguration() {
    return metadata();
  }

  private Response metadata() {
    CacheControl cache = new CacheControl();
    cache.setMaxAge(3600);
    return Response.ok(document()).cacheControl(cache).build();
  }

  /** The metadata document, the same at both addresses. */
  String document() {
    String base = issuer.base();
    var metadata =
        Json.createObjectBuilder()
            .add("issuer", issuer.issuer())
            .add("jwks_uri", base + "/.well-known/jwks.json")
            .add("authorization_endpoint", base + "/oauth2/authorize")
            .add("token_endpoint", base + "/oauth2/token")
            .add("userinfo_endpoint", base + "/oauth2/userinfo")
            .add("end_session_endpoint", base + "/oauth2/logout")
            .add("backchannel_logout_supported", true)
            .add("backchannel_logout_session_supported", true)
            .add("revocation_endpoint", base + "/oauth2/revoke")
            .add("introspection_endpoint", base + "/oauth2/introspect")
            .add(
                "grant_types_supported",
                Json.createArrayBuilder()
                    .add("authorization_code")
                    .add("refresh_token")
                    .add("client_credentials"))
            .add("response_types_supported", Json.createArrayBuilder().add("code"))
            .add("response_modes_supported", Json.createArrayBuilder().add("query"))
            .add("code_challenge_methods_supported", Json.createArrayBuilder().add("S256"))
            .add("authorization_response_iss_parameter_supported", true)
            .add(
                "prompt_values_supported",
                Json.createArrayBuilder().add("none").add("login").add("consent"))
            .add("request_parameter_supported", false)
            .add("request_uri_parameter_supported", false)
            .add("token_endpoint_auth_methods_supported", authMethods(true))
            .add("token_endpoint_auth_signing_alg_values_supported", assertionAlgorithms())
            .add("revocation_endpoint_auth_methods_supported", authMethods(true))
            .add("revocation_endpoint_auth_signing_alg_values_supported", assertionAlgorithms())
            // Introspection is for confidential clients: a public one may not ask.
            .add("introspection_endpoint_auth_methods_supported", authMethods(false))
            .add("introspection_endpoint_auth_signing_alg_values_supported", assertionAlgorithms())
            // openid and every scope a registered client may ask for: OpenID clients (Jakarta
            // Security's) refuse to start when a scope they ask for is not listed here.
            .add("scopes_supported", Json.createArrayBuilder(clients.allScopes()))
            .add("subject_types_supported", Json.createArrayBuilder().add("public"))
            .add(
                "id_token_signing_alg_values_supported",
                Json.createArrayBuilder().add(keys.algorithm()))
            .add("claims_supported", claims());
    if (registration.open()) {
      // RFC 8414 §2: present only where dynamic registration is on.
      metadata.add("registration_endpoint", base + "/oauth2/register");
    }
    return metadata.build().toString();
  }

  private static JsonArrayBuilder authMethods(boolean publicClients) {
    JsonArrayBuilder methods =
        Json.createArrayBuilder()
            .add(Client.SECRET_BASIC)
            .add(Client.SECRET_POST)
            .add(Client.PRIVATE_KEY_JWT);
    return publicClients ? methods.add(Client.NONE) : methods;
  }

  /** What a client may sign its {@code private_key_jwt} assertion with, not what Rotor signs. */
  private static JsonArrayBuilder assertionAlgorithms() {
    JsonArrayBuilder algorithms = Json.createArrayBuilder();
    ClientKeys.ALGORITHMS.forEach(alg -> algorithms.add(alg.getName()));
    return algorithms;
  }

  private static JsonArrayBuilder claims() {
    JsonArrayBuilder claims = Json.createArrayBuilder();
    for (String claim :
        new String[] {
          "iss",
          "sub",
          "aud",
          "exp",
          "iat",
          "jti",
          "upn",
          "preferred_username",
          "groups",
          "sid",
          "client_id",
          "scope",
          "auth_time",
          "nonce",
          "azp"
        }) {
      claims.add(claim);
    }
    return claims;
  }
}
