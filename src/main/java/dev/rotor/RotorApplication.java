package dev.rotor;

import dev.rotor.security.Roles;
import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The JAX-RS application; a CDI bean because Payara's MP-JWT needs one to carry @LoginConfig. */
@ApplicationScoped
@ApplicationPath("/")
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({Roles.USER, Roles.ADMIN})
@OpenAPIDefinition(
    info =
        @Info(
            title = "Rotor",
            version = "0.1",
            description =
                "Token service: JWT access tokens, rotating refresh tokens, sessions, OAuth"
                    + " refresh/revocation/introspection. Errors are application/problem+json"
                    + " (RFC 9457), OAuth endpoints answer RFC 6749 error JSON."),
    components =
        @Components(
            securitySchemes =
                @SecurityScheme(
                    securitySchemeName = "bearer",
                    type = SecuritySchemeType.HTTP,
                    scheme = "bearer",
                    bearerFormat = "JWT")))
public class RotorApplication extends Application {

  /** Jersey (Payara) would publish a WADL at /application.wadl; RESTEasy has none. */
  @Override
  public Map<String, Object> getProperties() {
    return Map.of("jersey.config.server.wadl.disableWadl", true);
  }
}
