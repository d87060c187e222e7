package dev.rotor.clients.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.testing.SteppedClock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientRegistryCacheTest {

  static final String ID = "0b7e4c1a-2f3d-4e5f-8a9b-0c1d2e3f4a5b";

  /** The database as another node changes it, counting reads. */
  static final class Database extends ClientStore {
    final Map<String, Client> rows = new HashMap<>();
    int reads;

    @Override
    public Optional<Client> find(String id) {
      reads++;
      return Optional.ofNullable(rows.get(id));
    }
  }

  final SteppedClock clock = new SteppedClock();
  final Database database = new Database();
  final ClientRegistry registry =
      new ClientRegistry(
          Map.of("web", new Client("web", null, Set.of("refresh_token"), Set.of("profile"))),
          database,
          clock);

  static Client stored(String scope) {
    return new Client(ID, null, Set.of("refresh_token"), Set.of(scope));
  }

  @Test
  void anotherNodesNewClientIsSeenWithinTheBound() {
    assertThat(registry.find(ID)).isEmpty();
    database.rows.put(ID, stored("profile"));

    clock.advance(ClientRegistry.CACHE_BOUND.minusMillis(1));
    assertThat(registry.find(ID)).as("still the remembered absence").isEmpty();
    clock.advance(Duration.ofMillis(1));
    assertThat(registry.find(ID)).isPresent();
  }

  @Test
  void anotherNodesChangeAndDeletionAreSeenWithinTheBound() {
    database.rows.put(ID, stored("profile"));
    assertThat(registry.find(ID).orElseThrow().scopes()).containsExactly("profile");

    database.rows.put(ID, stored("email"));
    assertThat(registry.find(ID).orElseThrow().scopes()).containsExactly("profile");
    clock.advance(ClientRegistry.CACHE_BOUND);
    assertThat(registry.find(ID).orElseThrow().scopes()).containsExactly("email");

    database.rows.remove(ID);
    clock.advance(ClientRegistry.CACHE_BOUND);
    assertThat(registry.find(ID)).isEmpty();
  }

  @Test
  void theNodeThatMadeTheChangeSeesItAtOnce() {
    database.rows.put(ID, stored("profile"));
    registry.find(ID);
    database.rows.put(ID, stored("email"));

    registry.onChanged(new ClientChanged(ID));

    assertThat(registry.find(ID).orElseThrow().scopes()).containsExactly("email");
  }

  @Test
  void readsWithinTheBoundCostNoQuery() {
    database.rows.put(ID, stored("profile"));
    for (int i = 0; i < 10; i++) {
      registry.find(ID);
      clock.advance(Duration.ofMillis(100));
    }
    assertThat(database.reads).isEqualTo(1);
  }

  @Test
  void aClockMovedBackDoesNotKeepAStaleEntry() {
    database.rows.put(ID, stored("profile"));
    registry.find(ID);
    database.rows.put(ID, stored("email"));
    clock.advance(Duration.ofHours(-1));
    assertThat(registry.find(ID).orElseThrow().scopes()).containsExactly("email");
  }

  @Test
  void configuredClientsComeFirstAndIdsOfAnotherShapeReachNoQuery() {
    database.rows.put("web", stored("email"));
    assertThat(registry.find("web").orElseThrow().configured()).isTrue();
    assertThat(registry.find("a\u0000b")).isEmpty();
    assertThat(registry.find("x".repeat(37))).isEmpty();
    assertThat(database.reads).isZero();
    assertThat(registry.isConfigured("web")).isTrue();
    assertThat(registry.isConfigured(ID)).isFalse();
  }
}
