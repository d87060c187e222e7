package dev.rotor.it;

import dev.rotor.it.server.MovableClock;
import dev.rotor.it.server.TestControlResource;
import java.io.File;
import org.eu.ingwar.tools.arquillian.extension.suite.annotations.ArquillianSuiteDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The WAR under test: the very {@code target/rotor.war} that ships, deployed at the root, plus a
 * movable clock and a token-forging endpoint that exist only in tests.
 */
@ArquillianSuiteDeployment
public class RotorDeployment {

  @Deployment(testable = false)
  public static WebArchive rotor() {
    WebArchive shipped =
        ShrinkWrap.createFromZipFile(
            WebArchive.class, new File(System.getProperty("rotor.it.war", "target/rotor.war")));
    return ShrinkWrap.create(WebArchive.class, "ROOT.war")
        .merge(shipped)
        .addClasses(MovableClock.class, TestControlResource.class);
  }
}
