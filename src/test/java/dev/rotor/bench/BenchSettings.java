package dev.rotor.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Settings of a load run, read from system properties ({@code mvn gatling:test -Dbench.clients=16
 * ...}); BENCHMARKS.md lists them.
 */
final class BenchSettings {

  /** The server's base URL (Rotor's, or Keycloak's with {@code bench.target=keycloak}). */
  final String baseUrl = System.getProperty("bench.baseUrl", "http://127.0.0.1:8081");

  /**
   * Whose API the requests speak: {@code rotor} (POST /auth/login and /auth/refresh, JSON) or
   * {@code keycloak} (its OpenID Connect token endpoint: the password grant to log in, the
   * refresh_token grant to refresh, form-encoded, public client; the client credentials grant of a
   * confidential client). Only the login, refresh and client credentials requests have a Keycloak
   * form: RefreshSimulation, LoginSimulation and ClientCredentialsSimulation.
   */
  final Target target = Target.of(System.getProperty("bench.target", "rotor"));

  /** With {@code bench.target=keycloak}: the realm of the benchmark's client and users. */
  final String keycloakRealm = System.getProperty("bench.keycloakRealm", "rotor-bench");

  /** With {@code bench.target=keycloak}: the public client (direct access grants on). */
  final String keycloakClientId = System.getProperty("bench.keycloakClientId", "rotor-bench");

  /**
   * The confidential client of the client credentials scenario (Rotor: registered by run.sh through
   * /admin/clients; Keycloak: a client with service accounts), and its secret.
   */
  final String serviceClientId = System.getProperty("bench.serviceClientId", "");

  final String serviceClientSecret = System.getProperty("bench.serviceClientSecret", "");

  /** Concurrent virtual clients (closed loop: each sends its next request when one answers). */
  final int clients = Integer.getInteger("bench.clients", 16);

  /** Warm-up seconds: requests are sent but recorded under a separate "(warm-up)" name. */
  final int warmUpSeconds = Integer.getInteger("bench.warmup", 180);

  /** Measured seconds, after the warm-up. */
  final int durationSeconds = Integer.getInteger("bench.duration", 60);

  /** A file of users, one {@code username} or {@code username,password} a line; optional. */
  final String usersFile = System.getProperty("bench.usersFile", "");

  /** Without a users file: users are {@code <prefix>1 .. <prefix><bench.users>}. */
  final String userPrefix = System.getProperty("bench.userPrefix", "bench-user-");

  /** How many pre-created users (without a users file); clients beyond that share users. */
  final int userCount = Integer.getInteger("bench.users", clients);

  /** The password of every pre-created user (without a password in the users file). */
  final String password = System.getProperty("bench.password", "bench-passphrase-123");

  /** Optional: the measured phase ends early once this file exists (purge benchmark). */
  final String stopFile = System.getProperty("bench.stopFile", "");

  /** Optional: where to write the measured window and the figures per request name (JSON). */
  final String resultFile = System.getProperty("bench.resultFile", "");

  /** Access tokens live 5 minutes: clients log in again after this many seconds. */
  final int tokenRenewSeconds = Integer.getInteger("bench.tokenRenewSeconds", 240);

  /**
   * One user per client, in turn: client i logs in as user i (modulo the number of users), so with
   * at least as many users as clients every client follows its own refresh chain.
   */
  Iterator<Map<String, Object>> users() {
    List<String[]> users = new ArrayList<>();
    if (!usersFile.isBlank()) {
      try {
        for (String line : Files.readAllLines(Path.of(usersFile))) {
          String trimmed = line.strip();
          if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            continue;
          }
          String[] fields = trimmed.split(",", 2);
          users.add(new String[] {fields[0], fields.length > 1 ? fields[1] : password});
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read bench.usersFile " + usersFile, e);
      }
    } else {
      for (int i = 1; i <= userCount; i++) {
        users.add(new String[] {userPrefix + i, password});
      }
    }
    if (users.isEmpty()) {
      throw new IllegalArgumentException("no users: set bench.usersFile or bench.users");
    }
    AtomicInteger next = new AtomicInteger();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public Map<String, Object> next() {
        String[] user = users.get(Math.floorMod(next.getAndIncrement(), users.size()));
        return Map.of("username", user[0], "password", user[1]);
      }
    };
  }

  /** The server under load. */
  enum Target {
    ROTOR,
    KEYCLOAK;

    static Target of(String name) {
      return switch (name.strip().toLowerCase(java.util.Locale.ROOT)) {
        case "rotor" -> ROTOR;
        case "keycloak" -> KEYCLOAK;
        default ->
            throw new IllegalArgumentException("bench.target: rotor or keycloak, not " + name);
      };
    }
  }

  /** Keycloak's token endpoint (path) in the benchmark's realm. */
  String keycloakTokenPath() {
    return "/realms/" + keycloakRealm + "/protocol/openid-connect/token";
  }

  @Override
  public String toString() {
    return "target=%s baseUrl=%s clients=%d warmup=%ds duration=%ds users=%s"
        .formatted(
            target.name().toLowerCase(java.util.Locale.ROOT),
            baseUrl,
            clients,
            warmUpSeconds,
            durationSeconds,
            usersFile.isBlank() ? userPrefix + "1.." + userCount : usersFile);
  }
}
