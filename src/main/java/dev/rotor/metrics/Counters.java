package dev.rotor.metrics;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

/** Adds to named, tagged counters; a no-op on a server without MicroProfile Metrics. */
@ApplicationScoped
public class Counters {

  private static final System.Logger LOG = System.getLogger(Counters.class.getName());

  /** Where counts go: the server's registry, or nowhere. */
  interface Sink {
    void add(String name, String tag, String value, long count);
  }

  private Sink sink = (name, tag, value, count) -> {};

  @PostConstruct
  void find() {
    try {
      sink = MicroProfileMetrics.sink();
    } catch (LinkageError | RuntimeException e) {
      LOG.log(
          System.Logger.Level.INFO,
          "No MicroProfile Metrics on this server: Rotor's counters are not published (" + e + ")");
    }
  }

  public void add(String name, String tag, String value, long count) {
    sink.add(name, tag, value, count);
  }
}
