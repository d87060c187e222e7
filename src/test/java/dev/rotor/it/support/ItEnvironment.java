package dev.rotor.it.support;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Runs once per integration-test JVM, before Arquillian reads its configuration: a clean database,
 * and the server's JVM options that point it there.
 */
public class ItEnvironment implements LauncherSessionListener {

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    if (System.getProperty("rotor.it.db") == null) {
      return; // a unit-test run
    }
    ItDatabase.resetAll();
    System.setProperty("rotor.it.serverJvmOptions", ItDatabase.serverJvmOptions(ItDatabase.SUITE));
  }
}
