/**
 * A miniature of Rotor's component graph that breaks every rule of {@code ComponentRules} once, so
 * that {@code ComponentRulesTest} can show each rule failing on a forbidden import.
 */
package dev.rotor.archfixture;
