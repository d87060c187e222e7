package dev.rotor.clients.control;

import dev.rotor.clients.entity.RegisteredClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** The clients of the database, read as {@link Client}s. */
@ApplicationScoped
public class ClientStore {

  @PersistenceContext EntityManager em;

  /**
   * The enabled client of this id: a disabled one is not found, so nothing authenticates as it or
   * starts a flow with it. Its admin reads it through {@link ClientRegistrations#existing}.
   */
  public Optional<Client> find(String id) {
    return Optional.ofNullable(em.find(RegisteredClient.class, id))
        .filter(RegisteredClient::enabled)
        .map(ClientStore::client);
  }

  public List<Client> page(int offset, int size) {
    return em
        .createNamedQuery(RegisteredClient.ALL, RegisteredClient.class)
        .setFirstResult(offset)
        .setMaxResults(size)
        .getResultList()
        .stream()
        .map(ClientStore::client)
        .toList();
  }

  /**
   * Every stored client; for discovery's scope list, which is cached by its readers for an hour.
   */
  public List<Client> all() {
    return em
        .createNamedQuery(RegisteredClient.ALL, RegisteredClient.class)
        .getResultList()
        .stream()
        .map(ClientStore::client)
        .toList();
  }

  public long count() {
    return em.createNamedQuery(RegisteredClient.COUNT, Long.class).getSingleResult();
  }

  static Client client(RegisteredClient stored) {
    RegisteredClient.Settings s = stored.settings();
    Client.PreviousSecret previous =
        stored.previousSecretHash() == null
            ? null
            : new Client.PreviousSecret(
                Base64.getUrlDecoder().decode(stored.previousSecretHash()),
                stored.previousSecretExpiresAt());
    return Client.builder(stored.id())
        .secretHash(
            stored.secretHash() == null ? null : Base64.getUrlDecoder().decode(stored.secretHash()))
        .grantTypes(ClientRegistry.list(s.grantTypes()))
        .scopes(ClientRegistry.list(s.scopes()))
        .redirectUris(List.copyOf(ClientRegistry.list(s.redirectUris())))
        .postLogoutRedirectUris(List.copyOf(ClientRegistry.list(s.postLogoutRedirectUris())))
        .name(s.name().isEmpty() ? stored.id() : s.name())
        .firstParty(s.firstParty())
        .requirePkce(s.requirePkce())
        .audiences(List.copyOf(ClientRegistry.list(s.audiences())))
        .introspectsAny(s.introspectAny())
        .authMethod(s.authMethod())
        .backchannelLogout(s.backchannelLogoutUri(), s.backchannelLogoutSessionRequired())
        .accessTokenLifetime(
            s.accessTokenTtlSeconds() == null
                ? null
                : Duration.ofSeconds(s.accessTokenTtlSeconds()))
        .jwks(s.jwks())
        .jwksUri(s.jwksUri())
        .previousSecret(previous)
        .enabled(s.enabled())
        .build();
  }
}
