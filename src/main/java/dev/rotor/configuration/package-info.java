/**
 * What Rotor reads from its environment: one typed settings record per concern ({@link
 * dev.rotor.configuration.IssuerSettings}, {@link dev.rotor.configuration.TokenLifetimes}, ...),
 * each key read once and validated at start-up by a check that names the key, and the time source
 * (one injectable {@link java.time.Clock} so tests can move time). It depends on no other
 * component.
 */
package dev.rotor.configuration;
