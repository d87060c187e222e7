package dev.rotor.it.rp;

import dev.rotor.it.support.ItServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.OpenIdAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.openid.ClaimsDefinition;

/**
 * The relying party's whole OpenID Connect set-up, as a team plugging Rotor into a Jakarta EE
 * application would write it: Jakarta Security's own client (Soteria on Payara), nothing of
 * Rotor's. It discovers Rotor from the issuer, sends no PKCE, authenticates with client_secret_post
 * and checks the nonce; the caller's name is {@code preferred_username}, the groups (roles) come
 * from {@code groups}. The callback must be exactly the registered {@link ItServer#RP_REDIRECT}, so
 * the browser must use 127.0.0.1.
 *
 * <p>The scopes are Jakarta Security's default, {@code openid email profile}. Soteria refuses to
 * work with a provider whose discovery document has {@code scopes_supported} without one of them
 * ("email scope is not supported by ... OpenId Connect provider", a 500 on every protected page).
 *
 * <p>The values are compile-time constants: the WAR needs no class of the test harness.
 */
@ApplicationScoped
@OpenIdAuthenticationMechanismDefinition(
    providerURI = ItServer.ISSUER,
    clientId = ItServer.RP,
    clientSecret = ItServer.RP_SECRET,
    redirectURI = "${baseURL}/callback",
    redirectToOriginalResource = true,
    claimsDefinition = @ClaimsDefinition(callerGroupsClaim = "groups"))
public class RelyingParty {}
