package dev.rotor.oauth.control;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.rotor.configuration.IssuerSettings;
import dev.rotor.keys.control.AccessTokenIssuer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/**
 * Logout tokens (OpenID Connect Back-Channel Logout 1.0 §2.4): who ({@code sub}) signed out of
 * which browser session ({@code sid}, the ID token's), for one client, signed with the current key.
 * Never a {@code nonce}, so that no logout token can pass for an ID token.
 */
@ApplicationScoped
public class LogoutTokens {

  /** The {@code events} member that makes a JWT a logout token. */
  public static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";

  /** §2.4's explicit type, so that a logout token is never taken for another JWT. */
  public static final JOSEObjectType TYPE = new JOSEObjectType("logout+jwt");

  /**
   * How long a logout token is valid: a client checks it at once; short, because a captured one
   * must not sign the user out later, and each retry signs a new one.
   */
  public static final Duration LIFETIME = Duration.ofMinutes(2);

  @Inject AccessTokenIssuer signer;

  @Inject IssuerSettings settings;

  /** What the token is about. */
  public record Logout(String clientId, String subject, String sid) {}

  /**
   * The claims for the client. {@code sid} always goes with them: a client that registered {@code
   * backchannel_logout_session_required} needs it, and every other may use it.
   */
  public JWTClaimsSet claims(Logout logout, Instant now) {
    return new JWTClaimsSet.Builder()
        .issuer(settings.issuer())
        .audience(logout.clientId())
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(LIFETIME)))
        .jwtID(UUID.randomUUID().toString())
        .subject(logout.subject())
        .claim("sid", logout.sid())
        .claim("events", Map.of(EVENT, Map.of()))
        .build();
  }

  /** The signed token for the client. */
  public String issue(Logout logout, Instant now) {
    return signer.sign(claims(logout, now), TYPE, now);
  }
}
