package dev.rotor.metrics;

import jakarta.enterprise.inject.spi.Unmanaged;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The only class that names the MicroProfile Metrics API. It is no CDI bean and is loaded only when
 * {@link Counters} asks for it, so a server without the API fails here, caught, not at deployment.
 * The registry is injected, not looked up: Payara Server's producer reads its injection point's
 * annotations, which a programmatic lookup does not have.
 */
final class MicroProfileMetrics {

  @Inject MetricRegistry registry;

  static Counters.Sink sink() {
    MetricRegistry registry =
        new Unmanaged<>(MicroProfileMetrics.class).newInstance().produce().inject().get().registry;
    return (name, tag, value, count) -> registry.counter(name, new Tag(tag, value)).inc(count);
  }
}
