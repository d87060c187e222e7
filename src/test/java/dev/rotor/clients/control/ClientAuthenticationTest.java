package dev.rotor.clients.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ClientAuthenticationTest {

  static final String SECRET = "s3cr:et%+";

  final Client service =
      new Client("service", Client.sha256(SECRET), Set.of("refresh_token"), Set.of("profile"));
  final Client spa = new Client("spa", null, Set.of("refresh_token"), Set.of("profile"));
  final Client firstParty =
      new Client(ClientRegistry.FIRST_PARTY, null, Set.of("refresh_token"), Set.of("profile"));

  /** A third party (first-party false), public and confidential. */
  final Client partner =
      new Client(
          "partner",
          null,
          Set.of("authorization_code", "refresh_token"),
          Set.of("profile"),
          List.of("https://partner.example/cb"),
          List.of(),
          "Partner",
          false,
          true,
          List.of(),
          false);

  final Client partnerService =
      new Client(
          "partner-service",
          Client.sha256(SECRET),
          Set.of("refresh_token"),
          Set.of("profile"),
          List.of(),
          List.of(),
          "Partner service",
          false,
          true,
          List.of(),
          false);

  final ClientAuthentication authentication =
      new ClientAuthentication(
          new ClientRegistry(
              Map.of(
                  "service",
                  service,
                  "spa",
                  spa,
                  ClientRegistry.FIRST_PARTY,
                  firstParty,
                  "partner",
                  partner,
                  "partner-service",
                  partnerService)));

  /** A client registered through the admin API, which names its one method. */
  static Client registered(String id, String method) {
    return Client.builder(id)
        .secretHash(method.equals(Client.NONE) ? null : Client.sha256(SECRET))
        .grantTypes(Set.of("refresh_token"))
        .scopes(Set.of("profile"))
        .firstParty(true)
        .authMethod(method)
        .build();
  }

  final Client basicOnly = registered(UUID.randomUUID().toString(), Client.SECRET_BASIC);
  final Client postOnly = registered(UUID.randomUUID().toString(), Client.SECRET_POST);
  final Client registeredPublic = registered(UUID.randomUUID().toString(), Client.NONE);

  final ClientAuthentication registeredOnes =
      new ClientAuthentication(
          new ClientRegistry(
              Map.of(
                  basicOnly.id(),
                  basicOnly,
                  postOnly.id(),
                  postOnly,
                  registeredPublic.id(),
                  registeredPublic)));

  Client authenticate(String authorization, String clientId, String secret) {
    return authentication.authenticate(ClientCredentials.of(authorization, clientId, secret));
  }

  static String basic(String id, String secret) {
    String pair =
        URLEncoder.encode(id, StandardCharsets.UTF_8)
            + ":"
            + URLEncoder.encode(secret, StandardCharsets.UTF_8);
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  static ClientRejected.Reason reasonOf(Runnable attempt) {
    try {
      attempt.run();
    } catch (ClientRejected e) {
      return e.reason();
    }
    throw new AssertionError("the client was not rejected");
  }

  @Test
  void basicDecodesFormEncodedIdAndSecret() {
    assertThat(authenticate(basic("service", SECRET), null, null)).isEqualTo(service);
  }

  @Test
  void basicIsCaseInsensitiveInItsScheme() {
    assertThat(authenticate(basic("service", SECRET).replace("Basic", "basic"), "service", null))
        .isEqualTo(service);
  }

  @Test
  void aSecretInTheFormAuthenticatesAConfidentialClient() {
    assertThat(authenticate(null, "service", SECRET)).isEqualTo(service);
  }

  @Test
  void aWrongOrMissingSecretFails() {
    assertThat(reasonOf(() -> authenticate(null, "service", "wrong")))
        .isEqualTo(ClientRejected.Reason.FAILED);
    assertThat(reasonOf(() -> authenticate(basic("service", "wrong"), null, null)))
        .isEqualTo(ClientRejected.Reason.FAILED);
    assertThat(reasonOf(() -> authenticate(null, "service", null)))
        .as("a confidential client may not pose as public")
        .isEqualTo(ClientRejected.Reason.FAILED);
  }

  @Test
  void aPublicClientNamesItselfOnly() {
    assertThat(authenticate(null, "spa", null)).isEqualTo(spa);
    assertThat(reasonOf(() -> authenticate(null, "spa", "anything")))
        .isEqualTo(ClientRejected.Reason.FAILED);
  }

  @Test
  void unknownOrMissingClientsFail() {
    assertThat(reasonOf(() -> authenticate(null, "nobody", null)))
        .isEqualTo(ClientRejected.Reason.FAILED);
    assertThat(reasonOf(() -> authenticate(null, null, null)))
        .isEqualTo(ClientRejected.Reason.FAILED);
  }

  @Test
  void twoMethodsAtOnceAreMalformed() {
    assertThat(reasonOf(() -> authenticate(basic("service", SECRET), null, SECRET)))
        .isEqualTo(ClientRejected.Reason.MALFORMED);
  }

  @Test
  void aFormIdThatDisagreesWithBasicIsMalformed() {
    assertThat(reasonOf(() -> authenticate(basic("service", SECRET), "spa", null)))
        .isEqualTo(ClientRejected.Reason.MALFORMED);
  }

  @Test
  void garbledBasicFails() {
    assertThat(reasonOf(() -> authenticate("Basic %%%", null, null)))
        .isEqualTo(ClientRejected.Reason.FAILED);
    String noColon = Base64.getEncoder().encodeToString("service".getBytes(StandardCharsets.UTF_8));
    assertThat(reasonOf(() -> authenticate("Basic " + noColon, null, null)))
        .isEqualTo(ClientRejected.Reason.FAILED);
  }

  @Test
  void aConfiguredConfidentialClientTakesEitherSecretMethod() {
    assertThat(authenticate(basic("service", SECRET), null, null)).isEqualTo(service);
    assertThat(authenticate(null, "service", SECRET)).isEqualTo(service);
  }

  @Test
  void aRegisteredClientAuthenticatesOnlyWithTheMethodItRegistered() {
    assertThat(
            registeredOnes.authenticate(
                ClientCredentials.of(basic(basicOnly.id(), SECRET), null, null)))
        .isEqualTo(basicOnly);
    assertThat(
            reasonOf(
                () ->
                    registeredOnes.authenticate(
                        ClientCredentials.of(null, basicOnly.id(), SECRET))))
        .as("a basic client posting its secret")
        .isEqualTo(ClientRejected.Reason.FAILED);

    assertThat(registeredOnes.authenticate(ClientCredentials.of(null, postOnly.id(), SECRET)))
        .isEqualTo(postOnly);
    assertThat(
            reasonOf(
                () ->
                    registeredOnes.authenticate(
                        ClientCredentials.of(basic(postOnly.id(), SECRET), null, null))))
        .as("a post client using Basic")
        .isEqualTo(ClientRejected.Reason.FAILED);

    assertThat(registeredOnes.authenticate(ClientCredentials.of(null, registeredPublic.id(), null)))
        .isEqualTo(registeredPublic);
    assertThat(
            reasonOf(
                () ->
                    registeredOnes.authenticate(ClientCredentials.of(null, basicOnly.id(), null))))
        .as("a confidential client naming itself only")
        .isEqualTo(ClientRejected.Reason.FAILED);
  }

  @Test
  void anAssertionIsOneMethodAndComesWithItsType() {
    String assertion = "eyJhbGciOiJSUzI1NiJ9.e30.c2ln";
    assertThat(
            reasonOf(
                () ->
                    authentication.authenticate(
                        new ClientCredentials(
                            basic("service", SECRET),
                            null,
                            null,
                            ClientCredentials.JWT_BEARER,
                            assertion))))
        .as("Basic and an assertion")
        .isEqualTo(ClientRejected.Reason.MALFORMED);
    assertThat(
            reasonOf(
                () ->
                    authentication.authenticate(
                        new ClientCredentials(
                            null, "service", SECRET, ClientCredentials.JWT_BEARER, assertion))))
        .as("a secret and an assertion")
        .isEqualTo(ClientRejected.Reason.MALFORMED);
    assertThat(
            reasonOf(
                () ->
                    authentication.authenticate(
                        new ClientCredentials(null, null, null, null, assertion))))
        .as("no type")
        .isEqualTo(ClientRejected.Reason.MALFORMED);
    assertThat(
            reasonOf(
                () ->
                    authentication.authenticate(
                        new ClientCredentials(
                            null,
                            null,
                            null,
                            "urn:ietf:params:oauth:client-assertion-type:saml2-bearer",
                            assertion))))
        .as("another type")
        .isEqualTo(ClientRejected.Reason.MALFORMED);
  }

  @Test
  void theFirstPartyLoginDefaultsToRotorApp() {
    assertThat(authentication.authenticateLogin(null, null)).isEqualTo(firstParty);
    assertThat(authentication.authenticateLogin("service", SECRET)).isEqualTo(service);
    assertThat(reasonOf(() -> authentication.authenticateLogin("service", "wrong")))
        .isEqualTo(ClientRejected.Reason.FAILED);
    assertThat(reasonOf(() -> authentication.authenticateLogin("nobody", null)))
        .isEqualTo(ClientRejected.Reason.FAILED);
  }

  @Test
  void thePasswordLoginIsForFirstPartyClientsOnly() {
    assertThat(reasonOf(() -> authentication.authenticateLogin("partner", null)))
        .isEqualTo(ClientRejected.Reason.NOT_ALLOWED);
    assertThat(reasonOf(() -> authentication.authenticateLogin("partner-service", SECRET)))
        .isEqualTo(ClientRejected.Reason.NOT_ALLOWED);
    assertThat(reasonOf(() -> authentication.authenticateLogin("partner-service", "wrong")))
        .as("authentication comes first: a wrong secret says nothing about the route")
        .isEqualTo(ClientRejected.Reason.FAILED);
    assertThat(authentication.authenticateLogin(ClientRegistry.FIRST_PARTY, null))
        .isEqualTo(firstParty);
    assertThat(authentication.authenticateLogin("spa", null)).isEqualTo(spa);
  }

  @Test
  void secretsCompareOnlyByTheirHash() {
    assertThat(service.secretMatches(SECRET, NOW)).isTrue();
    assertThat(service.secretMatches(SECRET + " ", NOW)).isFalse();
    assertThat(spa.secretMatches("", NOW)).isFalse();
  }

  static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
  static final String NEW_SECRET = "the new one";

  /** A stored client whose secret was rotated, the old one valid until {@code previousUntil}. */
  static Client rotated(Instant previousUntil) {
    return Client.builder("0b7e4c1a-2f3d-4e5f-8a9b-0c1d2e3f4a5b")
        .secretHash(Client.sha256(NEW_SECRET))
        .grantTypes(Set.of("refresh_token"))
        .scopes(Set.of("profile"))
        .name("Rotated")
        .firstParty(true)
        .authMethod(Client.SECRET_BASIC)
        .previousSecret(new Client.PreviousSecret(Client.sha256(SECRET), previousUntil))
        .build();
  }

  ClientAuthentication at(Client client, Instant now) {
    return new ClientAuthentication(
        new ClientRegistry(Map.of(client.id(), client)), Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void bothSecretsWorkUntilThePreviousOneExpires() {
    Client client = rotated(NOW.plusSeconds(60));

    assertThat(client.secretMatches(SECRET, NOW)).isTrue();
    assertThat(client.secretMatches(NEW_SECRET, NOW)).isTrue();
    assertThat(client.secretMatches(SECRET, NOW.plusSeconds(60).minusMillis(1))).isTrue();
    assertThat(client.secretMatches("neither", NOW)).isFalse();
    assertThat(
            at(client, NOW)
                .authenticate(ClientCredentials.of(basic(client.id(), SECRET), null, null)))
        .isEqualTo(client);
    assertThat(
            at(client, NOW)
                .authenticate(ClientCredentials.of(basic(client.id(), NEW_SECRET), null, null)))
        .isEqualTo(client);
  }

  @Test
  void thePreviousSecretIsRefusedFromItsExpiryOnAndTheNewOneStillWorks() {
    Client client = rotated(NOW.plusSeconds(60));
    Instant expiry = NOW.plusSeconds(60);

    assertThat(client.secretMatches(SECRET, expiry)).as("the expiry itself is past").isFalse();
    assertThat(client.secretMatches(NEW_SECRET, expiry.plusSeconds(86_400))).isTrue();
    assertThatThrownBy(
            () ->
                at(client, expiry)
                    .authenticate(ClientCredentials.of(basic(client.id(), SECRET), null, null)))
        .isInstanceOfSatisfying(
            ClientRejected.class,
            e -> assertThat(e.reason()).isEqualTo(ClientRejected.Reason.FAILED));
    assertThatThrownBy(() -> at(client, expiry).authenticateLogin(client.id(), SECRET))
        .isInstanceOf(ClientRejected.class);
    assertThat(at(client, expiry).authenticateLogin(client.id(), NEW_SECRET)).isEqualTo(client);
  }

  @Test
  void aPublicClientMatchesNoSecretEvenWithAPreviousOneRecorded() {
    Client client = rotated(NOW.plusSeconds(60));
    Client publicOne =
        Client.builder(client.id())
            .grantTypes(client.grantTypes())
            .scopes(client.scopes())
            .name("Public")
            .firstParty(true)
            .authMethod(Client.NONE)
            .previousSecret(client.previousSecret())
            .build();

    assertThat(publicOne.secretMatches(SECRET, NOW)).isFalse();
  }

  @Test
  void theClaimantOfASecretIsTheBasicUserOrTheFormsClientId() {
    assertThat(ClientAuthentication.secretClaimant(basic("service", SECRET), null, null))
        .isEqualTo("service");
    assertThat(ClientAuthentication.secretClaimant(null, "service", "a secret"))
        .isEqualTo("service");
  }

  @Test
  void noSecretOrAnUnreadableBasicHeaderClaimsNothing() {
    assertThat(ClientAuthentication.secretClaimant(null, "spa", null)).isNull();
    assertThat(ClientAuthentication.secretClaimant(null, null, "a secret")).isNull();
    assertThat(ClientAuthentication.secretClaimant("Basic !!!", null, null)).isNull();
    assertThat(ClientAuthentication.secretClaimant("Basic Og==", null, null)).isNull();
  }
}
