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
 * mp.jwt.verify.publickey.location}: a JWK Set file of this JVM that the key ring rewrites whenever
 * the published keys change. The location is fixed from the first read, so no config or key cache
 * can ever hold "no key" (Payara caches both); the verifier re-reads the file after its key cache
 * expires. Config sources come from the ServiceLoader, not CDI, hence the static.
 */
public class PublishedKeysConfigSource implements ConfigSource {

  static final String LOCATION = "mp.jwt.verify.publickey.location";
  private static final Path FILE = jwksFile();

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
    return Map.of(LOCATION, FILE.toUri().toString());
  }

  @Override
  public String getValue(String propertyName) {
    return LOCATION.equals(propertyName) ? FILE.toUri().toString() : null;
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
