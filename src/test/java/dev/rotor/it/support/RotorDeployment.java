package dev.rotor.it.support;

import dev.rotor.it.server.MovableClock;
import dev.rotor.it.server.RowChangeRecorder;
import dev.rotor.it.server.TestControlResource;
import java.io.File;
import org.eu.ingwar.tools.arquillian.extension.suite.annotations.ArquillianSuiteDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
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
        .addClasses(MovableClock.class, TestControlResource.class, RowChangeRecorder.class)
        // Payara re-reads our JWK Set every second instead of every minute: a rotation test
        // then waits on that cache for a second, not a minute.
        .addAsResource(new StringAsset("publicKey.cache.ttl=1000\n"), "payara-mp-jwt.properties");
  }
}
