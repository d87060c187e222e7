/**
 * Counters for operators, in MicroProfile Metrics where the server has it (Payara) and nowhere
 * where it has not (WildFly 39): the same WAR deploys on both, and no component names the metrics
 * API itself.
 */
package dev.rotor.metrics;
