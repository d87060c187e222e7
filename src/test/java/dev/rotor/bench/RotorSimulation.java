package dev.rotor.bench;

import io.gatling.javaapi.core.Simulation;

/**
 * What every Rotor simulation shares: the settings of the run, its clock (warm-up, then the
 * measured window, see {@link Phases}) and the requests, which record themselves in it. Subclasses
 * only build their scenarios and call {@code setUp}.
 */
abstract class RotorSimulation extends Simulation {

  final BenchSettings settings = new BenchSettings();
  final Phases phases = new Phases(settings);
  final RotorRequests rotor = new RotorRequests(settings, phases);

  @Override
  public void before() {
    phases.start();
  }

  @Override
  public void after() {
    phases.finish();
  }
}
