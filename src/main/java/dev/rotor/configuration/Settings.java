package dev.rotor.configuration;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads every concern's settings once, at start-up, and hands them out by type: each key is read in
 * exactly one record ({@link IssuerSettings}, {@link TokenLifetimes}, ...), never by the beans that
 * use it.
 */
@ApplicationScoped
public class Settings {

  private IssuerSettings issuer;
  private TokenLifetimes lifetimes;
  private KeySettings keys;
  private PurgeSettings purge;
  private PasswordSettings passwords;
  private HttpSettings http;
  private UserSettings users;
  private DatabaseSettings database;
  private SsoSettings sso;
  private ThrottleSettings throttle;
  private ClientRegistrationSettings clientRegistration;
  private ClientThrottleSettings clientThrottle;

  @PostConstruct
  void read() {
    read(ConfigReader.of(ConfigProvider.getConfig(Settings.class.getClassLoader())));
  }

  private List<String> read(ConfigReader config) {
    issuer = IssuerSettings.read(config);
    lifetimes = TokenLifetimes.read(config);
    keys = KeySettings.read(config);
    purge = PurgeSettings.read(config);
    passwords = PasswordSettings.read(config);
    http = HttpSettings.read(config);
    users = UserSettings.read(config);
    database = DatabaseSettings.read(config);
    sso = SsoSettings.read(config);
    throttle = ThrottleSettings.read(config);
    clientRegistration = ClientRegistrationSettings.read(config);
    clientThrottle = ClientThrottleSettings.read(config);
    ClientRedirects.check(config);
    List<String> problems = new ArrayList<>(config.problems());
    Optional<String> admin = config.optional("rotor.admin.username").filter(u -> !u.isBlank());
    if (admin.isPresent()
        && config.optional("rotor.admin.password").filter(p -> !p.isBlank()).isEmpty()) {
      problems.add("rotor.admin.password: required when rotor.admin.username is set");
    }
    return problems;
  }

  /** Every problem with the configuration, one message per key; empty when all is well. */
  static List<String> problems(Function<String, Optional<String>> lookup) {
    return new Settings().read(new ConfigReader(lookup));
  }

  @Produces
  IssuerSettings issuer() {
    return issuer;
  }

  @Produces
  TokenLifetimes lifetimes() {
    return lifetimes;
  }

  @Produces
  KeySettings keys() {
    return keys;
  }

  @Produces
  SsoSettings sso() {
    return sso;
  }

  @Produces
  ThrottleSettings throttle() {
    return throttle;
  }

  @Produces
  ClientRegistrationSettings clientRegistration() {
    return clientRegistration;
  }

  @Produces
  ClientThrottleSettings clientThrottle() {
    return clientThrottle;
  }

  @Produces
  PurgeSettings purge() {
    return purge;
  }

  @Produces
  PasswordSettings passwords() {
    return passwords;
  }

  @Produces
  HttpSettings http() {
    return http;
  }

  @Produces
  UserSettings users() {
    return users;
  }

  @Produces
  DatabaseSettings database() {
    return database;
  }
}
