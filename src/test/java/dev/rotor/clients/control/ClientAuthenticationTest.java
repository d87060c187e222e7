package dev.rotor.clients.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    assertThat(authentication.authenticate(basic("service", SECRET), null, null))
        .isEqualTo(service);
  }

  @Test
  void basicIsCaseInsensitiveInItsScheme() {
    assertThat(
            authentication.authenticate(
                basic("service", SECRET).replace("Basic", "basic"), "service", null))
        .isEqualTo(service);
  }

  @Test
  void aSecretInTheFormAuthenticatesAConfidentialClient() {
    assertThat(authentication.authenticate(null, "service", SECRET)).isEqualTo(service);
  }

  @Test
  void aWrongOrMissingSecretFails() {
    assertThat(reasonOf(() -> authentication.authenticate(null, "service", "wrong")))
        .isEqualTo(ClientRejected.Reason.FAILED);
    assertThat(reasonOf(() -> authentication.authenticate(basic("service", "wrong"), null, null)))
        .isEqualTo(ClientRejected.Reason.FAILED);
    assertThat(reasonOf(() -> authentication.authenticate(null, "service", null)))
        .as("a confidential client may not pose as public")
        .isEqualTo(ClientRejected.Reason.FAILED);
  }

  @Test
  void aPublicClientNamesItselfOnly() {
    assertThat(authentication.authenticate(null, "spa", null)).isEqualTo(spa);
    assertThat(reasonOf(() -> authentication.authenticate(null, "spa", "anything")))
        .isEqualTo(ClientRejected.Reason.FAILED);
  }

  @Test
  void unknownOrMissingClientsFail() {
    assertThat(reasonOf(() -> authentication.authenticate(null, "nobody", null)))
        .isEqualTo(ClientRejected.Reason.FAILED);
    assertThat(reasonOf(() -> authentication.authenticate(null, null, null)))
        .isEqualTo(ClientRejected.Reason.FAILED);
  }

  @Test
  void twoMethodsAtOnceAreMalformed() {
    assertThat(reasonOf(() -> authentication.authenticate(basic("service", SECRET), null, SECRET)))
        .isEqualTo(ClientRejected.Reason.MALFORMED);
  }

  @Test
  void aFormIdThatDisagreesWithBasicIsMalformed() {
    assertThat(reasonOf(() -> authentication.authenticate(basic("service", SECRET), "spa", null)))
        .isEqualTo(ClientRejected.Reason.MALFORMED);
  }

  @Test
  void garbledBasicFails() {
    assertThat(reasonOf(() -> authentication.authenticate("Basic %%%", null, null)))
        .isEqualTo(ClientRejected.Reason.FAILED);
    String noColon = Base64.getEncoder().encodeToString("service".getBytes(StandardCharsets.UTF_8));
    assertThat(reasonOf(() -> authentication.authenticate("Basic " + noColon, null, null)))
        .isEqualTo(ClientRejected.Reason.FAILED);
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
    assertThat(service.secretMatches(SECRET)).isTrue();
    assertThat(service.secretMatches(SECRET + " ")).isFalse();
    assertThat(spa.secretMatches("")).isFalse();
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
