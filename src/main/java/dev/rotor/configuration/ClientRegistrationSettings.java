package dev.rotor.configuration;

import java.util.Arrays;
import java.util.Locale;

/**
 * Dynamic client registration (RFC 7591) at {@code /oauth2/register}: off, or open to whoever holds
 * an initial access token an admin issued.
 */
public record ClientRegistrationSettings(Mode mode) {

  public static final String KEY = "rotor.clients.registration";

  /** The values of {@value #KEY}, as an operator writes them. */
  public enum Mode {
    OFF("off"),
    INITIAL_ACCESS_TOKEN("initial-access-token");

    private final String value;

    Mode(String value) {
      this.value = value;
    }

    public String value() {
      return value;
    }
  }

  public boolean open() {
    return mode == Mode.INITIAL_ACCESS_TOKEN;
  }

  public static ClientRegistrationSettings read(ConfigReader config) {
    String raw = config.string(KEY, Mode.OFF.value()).trim().toLowerCase(Locale.ROOT);
    for (Mode mode : Mode.values()) {
      if (mode.value().equals(raw)) {
        return new ClientRegistrationSettings(mode);
      }
    }
    config.problem(
        KEY,
        "must be one of "
            + Arrays.stream(Mode.values()).map(Mode::value).toList()
            + ", got '"
            + config.string(KEY, "")
            + "'");
    return new ClientRegistrationSettings(Mode.OFF);
  }
}
