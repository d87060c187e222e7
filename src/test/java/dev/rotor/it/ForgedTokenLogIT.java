package dev.rotor.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.rotor.it.support.Api;
import dev.rotor.it.support.RotorIT;
import dev.rotor.it.support.SuiteLog;
import dev.rotor.it.support.Users;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a stranger can write into the server's log: forged bearer tokens and bad bodies are rejected
 * without a stack trace each, so a flood of them costs a few lines, not tens of thousands.
 */
@RotorIT
class ForgedTokenLogIT {

  static final int TOKENS = 1_000;
  static final int LINES_ALLOWED = 50;

  Api api;

  @Test
  void aThousandForgedTokensAddFewerThanFiftyLinesToTheServerLog() throws Exception {
    SignedJWT genuine =
        SignedJWT.parse(Users.registeredAndLoggedIn(api, "forger").string("access_token"));
    String[] parts = genuine.serialize().split("\\.");
    List<String> forged = new ArrayList<>();
    for (int i = 0; i < TOKENS; i++) {
      JWTClaimsSet claims =
          new JWTClaimsSet.Builder(genuine.getJWTClaimsSet())
              .jwtID("forged-" + i)
              .claim("groups", List.of("user", "admin"))
              .build();
      String payload = Base64URL.encode(claims.toString()).toString();
      forged.add(
          switch (i % 4) {
            case 0 -> "x";
            case 1 -> new PlainJWT(claims).serialize();
            case 2 -> parts[0] + "." + parts[1] + "." + parts[2].substring(0, i % 40 + 1);
            default -> parts[0] + "." + payload + "." + parts[2];
          });
    }
    SuiteLog log = new SuiteLog(api);

    String before = log.mark();
    for (String token : forged) {
      Api.Reply reply = api.me(token);
      assertThat(reply.status()).as(reply.body()).isEqualTo(401);
    }
    String after = log.mark();

    List<String> added = log.between(before, after);
    assertThat(added.size())
        .as("lines logged for %d forged tokens:%n%s", TOKENS, String.join("\n", head(added)))
        .isLessThan(LINES_ALLOWED);
    assertThat(added).as("no stack trace").noneMatch(line -> line.startsWith("\tat "));
    assertThat(added)
        .as("no token, nor a part of one")
        .noneMatch(line -> line.contains(parts[1]) || line.contains(parts[2].substring(0, 20)));
  }

  /**
   * Malformed JSON and forms, wrong and broken media types: each kind of bad input a client can
   * send.
   */
  @Test
  void aThousandBadBodiesAndFormsAddFewerThanFiftyLinesToTheServerLog() {
    String json = "application/json";
    String form = "application/x-www-form-urlencoded";
    List<String[]> bad =
        List.of(
            new String[] {"auth/login", json, "{\"username\": "},
            new String[] {"auth/refresh", json, "not json at all"},
            new String[] {"auth/logout", json, "[1, 2]"},
            new String[] {"auth/register", json, "[".repeat(5000) + "]".repeat(5000)},
            new String[] {"auth/refresh", json, "{\"refresh_token\": 12}"},
            new String[] {"auth/login", "text/plain", "{\"username\": \"a\"}"},
            new String[] {"oauth2/token", form, "grant_type=refresh_token&refresh_token=%ZZ"},
            new String[] {"oauth2/revoke", form, "token=%FF%FE"},
            new String[] {"oauth2/introspect", form + "; charset=no-such-charset", "token=x"},
            new String[] {"oauth2/token", "not a media type", "grant_type=password"});
    SuiteLog log = new SuiteLog(api);

    String before = log.mark();
    for (int i = 0; i < TOKENS; i++) {
      String[] request = bad.get(i % bad.size());
      Api.Reply reply =
          api.send(
              api.request(request[0])
                  .header("Content-Type", request[1])
                  .POST(HttpRequest.BodyPublishers.ofString(request[2]))
                  .build());
      assertThat(reply.status()).as(request[0] + " " + reply.body()).isBetween(400, 499);
    }
    String after = log.mark();

    List<String> added = log.between(before, after);
    assertThat(added.size())
        .as("lines logged for %d bad requests:%n%s", TOKENS, String.join("\n", head(added)))
        .isLessThan(LINES_ALLOWED);
    assertThat(added).as("no stack trace").noneMatch(line -> line.startsWith("\tat "));
  }

  private static List<String> head(List<String> lines) {
    return lines.subList(0, Math.min(lines.size(), 80));
  }
}
