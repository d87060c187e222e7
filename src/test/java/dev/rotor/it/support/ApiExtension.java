package dev.rotor.it.support;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

/**
 * Sets every {@link Api} field of a test to a client of the suite's server, and after each test
 * puts the server's clock back to real time, so that no test inherits another's moved or stopped
 * clock.
 */
public class ApiExtension implements TestInstancePostProcessor, AfterEachCallback {

  /** The issuer is the address clients really use: the suite's server runs at the root there. */
  private static final Api SUITE = new Api(URI.create(ItServer.ISSUER));

  @Override
  public void postProcessTestInstance(Object test, ExtensionContext context)
      throws IllegalAccessException {
    for (Class<?> type = test.getClass(); type != Object.class; type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        if (field.getType() == Api.class && !Modifier.isStatic(field.getModifiers())) {
          field.setAccessible(true);
          field.set(test, SUITE);
        }
      }
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    SUITE.stopClock(false);
    SUITE.moveClock(Duration.ZERO);
  }
}
