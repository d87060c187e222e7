package dev.rotor.keys.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Points MicroProfile JWT at our own public keys through the standard {@code
 * mp.jwt.verify.publickey.location}. On Payara that is a JWK Set file of this JVM that the key ring
 * rewrites whenever the published keys change; the verifier re-reads it when its key cache expires.
 * SmallRye JWT (WildFly) reads a file once, but fetches an http JWK Set again for a key id it does
 * not know: there it is our own JWKS endpoint, on the loopback address and HTTP port WildFly was
 * started with. The location is fixed from the first read, so no config or key cache can ever hold
 * "no key". Config sources come from the ServiceLoader, not CDI, hence the static.
 */
public class PublishedKeysConfigSource implements ConfigSource {

  static final String LOCATION = "mp.jwt.verify.publickey.location";
  private static final Path FILE = jwksFile();
  private static final String VALUE = location(System.getProperties());

  /** Our JWKS endpoint under WildFly, else the file. */
  static String location(java.util.Properties system) {
    if (system.getProperty("jboss.home.dir") == null) {
      return FILE.toUri().toString();
    }
    String host = system.getProperty("jboss.bind.address", "127.0.0.1");
    if (host.equals("0.0.0.0") || host.equals("::")) {
      host = "127.0.0.1";
    }
    int port =
        Integer.parseInt(system.getProperty("jboss.http.port", "8080"))
            + Integer.parseInt(system.getProperty("jboss.socket.binding.port-offset", "0"));
    return "http://"
        + (host.contains(":") ? "[" + host + "]" : host)
        + ":"
        + port
        + "/.well-known/jwks.json";
  }

  private static Path jwksFile() {
    try {
      Path dir = Files.createTempDirectory("rotor-jwks-");
      dir.toFile().deleteOnExit();
      return dir.resolve("jwks.json");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a folder for the published JWK Set", e);
    }
  }

  /** Replaces the published JWK Set atomically: a verifier never reads half a file. */
  static void publish(String jwkSetJson) {
    try {
      Path next = Files.createTempFile(FILE.getParent(), "jwks", ".tmp");
      Files.writeString(next, jwkSetJson, StandardCharsets.UTF_8);
      Files.move(next, FILE, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      FILE.toFile().deleteOnExit();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot publish the JWK Set to " + FILE, e);
    }
  }

  @Override
  public Set<String> getPropertyNames() {
    return Set.of(LOCATION);
  }

  @Override
  public Map<String, String> getProperties() {
    return Map.of(LOCATION, VALUE);
  }

  @Override
  public String getValue(String propertyName) {
    return LOCATION.equals(propertyName) ? VALUE : null;
  }

  @Override
  public String getName() {
    return "rotor-published-keys";
  }

  @Override
  public int getOrdinal() {
    // Above the WAR's own properties (100): verification cannot be pointed elsewhere by accident.
    return 150;
  }
}
