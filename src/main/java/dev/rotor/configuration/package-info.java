/**
 * What Rotor reads from its environment: the time source (one injectable {@link java.time.Clock} so
 * tests can move time) and a start-up check that refuses bad configuration by key name.
 */
package dev.rotor.configuration;
