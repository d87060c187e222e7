package dev.rotor.clients.control;

import dev.rotor.audit.control.AuditLog;
import dev.rotor.audit.control.Origin;
import dev.rotor.audit.entity.AuditEvent;
import dev.rotor.clients.entity.RegisteredClient;
import dev.rotor.problems.ProblemException;
import dev.rotor.security.SecretTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Registers, changes and deletes the clients of the database, each change audited. Configured
 * clients are read-only: a change to one is a 409.
 */
@ApplicationScoped
public class ClientRegistrations {

  @PersistenceContext EntityManager em;

  @Inject ClientRegistry registry;

  @Inject ClientStore store;

  @Inject AuditLog audit;

  @Inject Clock clock;

  @Inject Event<ClientChanged> changed;

  @Inject Event<ClientLocked> locked;

  /** A new client and, for a confidential one, its secret: shown once, only its hash is kept. */
  public record Registered(Client client, String secret) {}

  /** How long a replaced secret stays valid unless the admin says otherwise: Keycloak's default. */
  public static final Duration DEFAULT_SECRET_OVERLAP = Duration.ofDays(2);

  /** The longest overlap: two valid secrets are a state to end, not to keep. */
  public static final Duration MAX_SECRET_OVERLAP = Duration.ofDays(30);

  public Registered create(RegisteredClient.Settings settings, String actor, Origin origin) {
    String id = UUID.randomUUID().toString();
    String secret = usesSecret(settings.authMethod()) ? SecretTokens.mint() : null;
    var stored =
        new RegisteredClient(
            id, secret == null ? null : SecretTokens.hash(secret), settings, clock.instant());
    em.persist(stored);
    record(AuditEvent.Type.CLIENT_CREATED, id, actor, origin);
    changed.fire(new ClientChanged(id));
    return new Registered(ClientStore.client(stored), secret);
  }

  public Client update(String id, RegisteredClient.Settings settings, String actor, Origin origin) {
    RegisteredClient stored = changeable(id);
    String before = stored.settings().authMethod();
    if (usesSecret(settings.authMethod()) != usesSecret(before)
        || settings.authMethod().equals(Client.NONE) != before.equals(Client.NONE)) {
      throw ProblemException.invalidField(
          "token_endpoint_auth_method",
          "cannot change between a public client, a client with a secret and a private_key_jwt"
              + " client; register a new client");
    }
    boolean wasEnabled = stored.enabled();
    stored.change(settings, clock.instant());
    AuditEvent.Type type = AuditEvent.Type.CLIENT_UPDATED;
    if (wasEnabled && !settings.enabled()) {
      type = AuditEvent.Type.CLIENT_DISABLED;
      locked.fire(new ClientLocked(id, "disabled", origin));
    } else if (!wasEnabled && settings.enabled()) {
      type = AuditEvent.Type.CLIENT_ENABLED;
    }
    record(type, id, actor, origin);
    changed.fire(new ClientChanged(id));
    return ClientStore.client(stored);
  }

  /**
   * A new secret for a confidential client; the one it replaces stays valid for {@code overlap}
   * (zero: it stops at once). A rotation during an overlap ends the older secret at once: only the
   * one just replaced overlaps. Sessions are not touched: they do not hang on the secret.
   */
  public Registered rotateSecret(String id, Duration overlap, String actor, Origin origin) {
    if (overlap.isNegative() || overlap.compareTo(MAX_SECRET_OVERLAP) > 0) {
      throw new IllegalArgumentException("overlap out of range: " + overlap);
    }
    RegisteredClient stored = changeable(id);
    if (stored.secretHash() == null) {
      throw new ProblemException(
          409,
          "Conflict",
          "This client has no secret to rotate (token_endpoint_auth_method none or private_key_jwt).");
    }
    String secret = SecretTokens.mint();
    Instant now = clock.instant();
    stored.rotateSecret(SecretTokens.hash(secret), now.plus(overlap), now);
    Instant until = stored.previousSecretExpiresAt();
    audit.record(
        AuditLog.Entry.of(AuditEvent.Type.CLIENT_SECRET_ROTATED, origin)
            .reason(
                "client "
                    + id
                    + " by "
                    + actor
                    + (until == null
                        ? ", previous secret ended"
                        : ", previous secret valid until " + until)));
    changed.fire(new ClientChanged(id));
    return new Registered(ClientStore.client(stored), secret);
  }

  /** Deletes the client; its sessions and refresh tokens end in the same transaction. */
  public void delete(String id, String actor, Origin origin) {
    RegisteredClient stored = changeable(id);
    em.remove(stored);
    record(AuditEvent.Type.CLIENT_DELETED, id, actor, origin);
    locked.fire(new ClientLocked(id, "deleted", origin));
    changed.fire(new ClientChanged(id));
  }

  /**
   * A page of every client: the configured ones first, by id, then the stored ones, oldest first.
   */
  public List<Client> list(int page, int size) {
    List<Client> configured = registry.configured();
    long offset = (long) page * size;
    List<Client> items = new ArrayList<>();
    if (offset < configured.size()) {
      items.addAll(
          configured.subList((int) offset, (int) Math.min(configured.size(), offset + size)));
    }
    int wanted = size - items.size();
    if (wanted > 0) {
      long storedOffset = Math.max(0, offset - configured.size());
      if (storedOffset <= Integer.MAX_VALUE) {
        items.addAll(store.page((int) storedOffset, wanted));
      }
    }
    return items;
  }

  public long count() {
    return registry.configured().size() + store.count();
  }

  /** The client as its admin sees it, configured or stored; 404 when there is none. */
  public Client existing(String id) {
    if (registry.isConfigured(id)) {
      return registry.find(id).orElseThrow();
    }
    RegisteredClient stored = em.find(RegisteredClient.class, id);
    if (stored == null) {
      throw notFound();
    }
    return ClientStore.client(stored);
  }

  private RegisteredClient changeable(String id) {
    if (registry.isConfigured(id)) {
      throw new ProblemException(
          409,
          "Conflict",
          "This client is configured (rotor.client.<id>.*, or the built-in rotor-app) and is"
              + " read-only here; change its configuration instead.");
    }
    RegisteredClient stored = em.find(RegisteredClient.class, id);
    if (stored == null) {
      throw notFound();
    }
    return stored;
  }

  private static ProblemException notFound() {
    return new ProblemException(404, "Not Found", "No such client.");
  }

  private void record(AuditEvent.Type type, String clientId, String actor, Origin origin) {
    audit.record(AuditLog.Entry.of(type, origin).reason("client " + clientId + " by " + actor));
  }

  /** A client with a secret: either secret method may switch to the other, keeping its secret. */
  private static boolean usesSecret(String authMethod) {
    return authMethod.equals(Client.SECRET_BASIC) || authMethod.equals(Client.SECRET_POST);
  }
}
