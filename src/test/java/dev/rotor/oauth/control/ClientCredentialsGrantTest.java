package dev.rotor.oauth.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rotor.clients.control.Client;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientCredentialsGrantTest {

  final Client orders =
      new Client(
          "orders",
          Client.sha256Of("s3cret"),
          Set.of("client_credentials"),
          new LinkedHashSet<>(List.of("orders.read", "orders.write")));

  @Test
  void noScopeAskedForIsEveryScopeOfTheClient() {
    assertThat(ClientCredentialsGrant.scope(orders, null)).isEqualTo("orders.read orders.write");
    assertThat(ClientCredentialsGrant.scope(orders, " ")).isEqualTo("orders.read orders.write");
  }

  @Test
  void aScopeWithinTheClientsIsGrantedAsAsked() {
    assertThat(ClientCredentialsGrant.scope(orders, "orders.write")).isEqualTo("orders.write");
    assertThat(ClientCredentialsGrant.scope(orders, "orders.write orders.read orders.write"))
        .isEqualTo("orders.write orders.read");
  }

  @Test
  void aScopeBeyondTheClientsIsInvalidScope() {
    OAuthError error =
        catchThrowableOfType(
            OAuthError.class, () -> ClientCredentialsGrant.scope(orders, "orders.read admin"));

    assertThat(error.status()).isEqualTo(400);
    assertThat(error.code()).isEqualTo("invalid_scope");
  }
}
