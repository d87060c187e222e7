package dev.rotor.clients.control;

import dev.rotor.audit.control.Origin;
import dev.rotor.clients.entity.InitialAccessToken;
import dev.rotor.clients.entity.RegisteredClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;

/**
 * RFC 7591 registration with an initial access token: the token is checked before the metadata, and
 * a use of it is spent in the transaction that creates the client, exactly as an admin's creation
 * does it (and audits it, naming the token as the actor).
 */
@ApplicationScoped
public class DynamicRegistrations {

  @Inject InitialAccessTokens tokens;

  @Inject ClientRegistrations registrations;

  @Inject Clock clock;

  /** The client made, its secret (null for a public one) and when it was made. */
  public record Registration(Client client, String secret, Instant issuedAt) {}

  /** The usable token the header presents, or {@link RegistrationRejected}. */
  public InitialAccessToken admit(String authorization) {
    return tokens.admit(authorization);
  }

  public Registration register(
      InitialAccessToken admitted, RegisteredClient.Settings settings, Origin origin) {
    tokens.spend(admitted);
    Instant now = clock.instant();
    var registered =
        registrations.create(settings, "initial access token " + admitted.id(), origin);
    return new Registration(registered.client(), registered.secret(), now);
  }
}
