package dev.rotor.it.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An integration test against the suite's Payara Micro, on the run's database. Its {@link Api}
 * fields are set by {@link ApiExtension}, which also resets the server's clock after each test.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(DatabaseAvailable.class)
@ExtendWith(ArquillianExtension.class)
@ExtendWith(ApiExtension.class)
public @interface RotorIT {}
