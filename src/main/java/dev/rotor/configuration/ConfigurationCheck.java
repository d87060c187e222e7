package dev.rotor.configuration;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Refuses to start with configuration that cannot work, naming the key, before anything else starts
 * (the other start-up beans depend on this one): it reads every settings record the way {@link
 * Settings} does, and fails on any problem they report.
 */
@Startup
@Singleton
public class ConfigurationCheck {

  private static final System.Logger LOG = System.getLogger(ConfigurationCheck.class.getName());

  @PostConstruct
  void check() {
    var config = ConfigProvider.getConfig(ConfigurationCheck.class.getClassLoader());
    List<String> problems = problems(key -> config.getOptionalValue(key, String.class));
    if (!problems.isEmpty()) {
      problems.forEach(p -> LOG.log(System.Logger.Level.ERROR, "Invalid configuration: {0}", p));
      throw new IllegalStateException("Invalid configuration: " + String.join("; ", problems));
    }
  }

  /** Every problem with the configuration, one message per key; empty when all is well. */
  public static List<String> problems(Function<String, Optional<String>> lookup) {
    return Settings.problems(lookup);
  }
}
