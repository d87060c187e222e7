/**
 * Where Rotor's data lives: one data source chosen by configuration (an embedded H2 file by
 * default, PostgreSQL when {@code rotor.db.url} is set), migrated by Flyway before anything else
 * touches it.
 */
package dev.rotor.persistence;
