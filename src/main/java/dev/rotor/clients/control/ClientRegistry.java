package dev.rotor.clients.control;

import dev.rotor.security.Ids;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The clients: the built-in public {@code rotor-app} of the first-party API and those of {@code
 * rotor.clients} (each read once at start-up from {@code rotor.client.<id>.*}) first, then those
 * registered in the database, each remembered for at most {@link #CACHE_BOUND}.
 */
@ApplicationScoped
public class ClientRegistry {

  public static final String FIRST_PARTY = "rotor-app";
  public static final String DEFAULT_SCOPE = "profile";
  public static final String REFRESH_TOKEN_GRANT = "refresh_token";
  public static final String AUTHORIZATION_CODE_GRANT = "authorization_code";
  public static final String CLIENT_CREDENTIALS_GRANT = "client_credentials";

  /**
   * How long a node answers from what it last read of a stored client (or of its absence): another
   * node's change is seen within this bound; the node that made it sees it at once.
   */
  public static final Duration CACHE_BOUND = Duration.ofSeconds(5);

  /** Past this many remembered ids (most of them unknown ones) the cache starts afresh. */
  static final int CACHE_LIMIT = 10_000;

  private record Cached(Optional<Client> client, Instant readAt) {}

  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  private Map<String, Client> clients;

  @Inject ClientStore store;

  @Inject Clock clock;

  protected ClientRegistry() {}

  /** A registry of exactly these clients, for tests. */
  public ClientRegistry(Map<String, Client> clients) {
    this(clients, null, Clock.systemUTC());
  }

  /** These configured clients, then those of the store, for tests. */
  public ClientRegistry(Map<String, Client> clients, ClientStore store, Clock clock) {
    this.clients = Map.copyOf(clients);
    this.store = store;
    this.clock = clock;
  }

  @PostConstruct
  void load() {
    clients = load(ConfigProvider.getConfig(ClientRegistry.class.getClassLoader()));
  }

  static Map<String, Client> load(Config config) {
    Map<String, Client> all = new HashMap<>();
    all.put(
        FIRST_PARTY,
        new Client(FIRST_PARTY, null, Set.of(REFRESH_TOKEN_GRANT), Set.of(DEFAULT_SCOPE)));
    for (String id : list(config.getOptionalValue("rotor.clients", String.class).orElse(""))) {
      String prefix = "rotor.client." + id + ".";
      byte[] hash =
          config
              .getOptionalValue(prefix + "secret", String.class)
              .filter(s -> !s.isBlank())
              .map(Client::sha256)
              .orElse(null);
      List<String> redirectUris =
          List.copyOf(
              list(config.getOptionalValue(prefix + "redirect-uris", String.class).orElse("")));
      // A client with redirect URIs signs users in through the browser unless told otherwise.
      Set<String> grants =
          list(
              config
                  .getOptionalValue(prefix + "grant-types", String.class)
                  .orElse(
                      redirectUris.isEmpty()
                          ? REFRESH_TOKEN_GRANT
                          : AUTHORIZATION_CODE_GRANT + "," + REFRESH_TOKEN_GRANT));
      Set<String> scopes =
          list(config.getOptionalValue(prefix + "scopes", String.class).orElse(DEFAULT_SCOPE));
      all.put(
          id,
          Client.builder(id)
              .secretHash(hash)
              .grantTypes(grants)
              .scopes(scopes)
              .redirectUris(redirectUris)
              .postLogoutRedirectUris(
                  List.copyOf(
                      list(
                          config
                              .getOptionalValue(prefix + "post-logout-redirect-uris", String.class)
                              .orElse(""))))
              .name(config.getOptionalValue(prefix + "name", String.class).orElse(id))
              .firstParty(
                  config.getOptionalValue(prefix + "first-party", Boolean.class).orElse(false))
              .requirePkce(
                  config.getOptionalValue(prefix + "require-pkce", Boolean.class).orElse(true))
              // None configured: Rotor's own audience, which the issuer knows.
              .audiences(
                  List.copyOf(
                      list(config.getOptionalValue(prefix + "audiences", String.class).orElse(""))))
              .introspectsAny(
                  config.getOptionalValue(prefix + "introspect-any", Boolean.class).orElse(false))
              .backchannelLogout(
                  config
                      .getOptionalValue(prefix + "backchannel-logout-uri", String.class)
                      .filter(uri -> !uri.isBlank())
                      .orElse(null),
                  config
                      .getOptionalValue(
                          prefix + "backchannel-logout-session-required", Boolean.class)
                      .orElse(false))
              .accessTokenLifetime(
                  config
                      .getOptionalValue(prefix + "access-token-lifetime", String.class)
                      .filter(s -> !s.isBlank())
                      .map(s -> Duration.parse(s.trim()))
                      .orElse(null))
              .configured(true)
              .build());
    }
    return Map.copyOf(all);
  }

  /** Comma- or space-separated values, in order, without blanks. */
  public static Set<String> list(String value) {
    return Arrays.stream(value.split("[,\\s]+"))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  public Optional<Client> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Client configured = clients.get(id);
    if (configured != null) {
      return Optional.of(configured);
    }
    // Stored clients have ids of Rotor's shape; anything else is not looked up (PostgreSQL refuses
    // a NUL in a query parameter with an error, not with no rows).
    if (store == null || !Ids.isId(id)) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Cached cached = cache.get(id);
    if (cached != null
        && !now.isBefore(cached.readAt())
        && now.isBefore(cached.readAt().plus(CACHE_BOUND))) {
      return cached.client();
    }
    Optional<Client> read = store.find(id);
    if (cache.size() >= CACHE_LIMIT) {
      cache.clear();
    }
    cache.put(id, new Cached(read, now));
    return read;
  }

  /** Whether the id is a client of the configuration (or {@code rotor-app}): read-only. */
  public boolean isConfigured(String id) {
    return id != null && clients.containsKey(id);
  }

  /** The configured clients, by id. */
  public List<Client> configured() {
    return clients.values().stream().sorted(Comparator.comparing(Client::id)).toList();
  }

  /** Forgets what this node read of the client: called by the node that changed it. */
  public void invalidate(String id) {
    cache.remove(id);
  }

  /**
   * After the change's transaction ends, not during it: a read by another request before the commit
   * would otherwise be remembered as current.
   */
  void onChanged(@Observes(during = TransactionPhase.AFTER_COMPLETION) ClientChanged changed) {
    invalidate(changed.clientId());
  }

  /** Every scope some client may ask for, {@code openid} first: what discovery advertises. */
  public Set<String> allScopes() {
    Set<String> all = new LinkedHashSet<>();
    all.add("openid");
    List<Client> every = new ArrayList<>(configured());
    if (store != null) {
      every.addAll(store.all());
    }
    every.forEach(c -> all.addAll(c.scopes()));
    return all;
  }

  /**
   * The {@code aud} of the client's access tokens; empty for Rotor's own audience (also for a
   * client no longer configured).
   */
  public List<String> audiences(String clientId) {
    return find(clientId).map(Client::audiences).orElse(List.of());
  }

  /** The client of the first-party API, {@code rotor-app}. */
  public Client firstParty() {
    return clients.get(FIRST_PARTY);
  }
}
