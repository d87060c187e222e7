package dev.rotor.configuration;

import java.util.Optional;

/**
 * Where the data lives: {@code rotor.db.url} (PostgreSQL, or an H2 URL), or unset for the embedded
 * H2 file database in {@code rotor.data-dir}.
 */
public record DatabaseSettings(Optional<String> url, String user, String password, String dataDir) {

  public static final String URL = "rotor.db.url";
  public static final String DATA_DIR = "rotor.data-dir";

  public static DatabaseSettings read(ConfigReader config) {
    Optional<String> url = config.optional(URL).filter(u -> !u.isBlank());
    if (url.isPresent()
        && !url.get().startsWith("jdbc:postgresql:")
        && !url.get().startsWith("jdbc:h2:")) {
      config.problem(URL, "must be a jdbc:postgresql: (or jdbc:h2:) URL");
      url = Optional.empty();
    }
    return new DatabaseSettings(
        url,
        config.optional("rotor.db.user").orElse(null),
        config.optional("rotor.db.password").orElse(null),
        config.string(DATA_DIR, "./rotor-data"));
  }

  public boolean isPostgres() {
    return url.filter(u -> u.startsWith("jdbc:postgresql:")).isPresent();
  }

  /** Never the password: records print every component otherwise. */
  @Override
  public String toString() {
    return "DatabaseSettings[url=" + url + ", user=" + user + ", dataDir=" + dataDir + "]";
  }
}
