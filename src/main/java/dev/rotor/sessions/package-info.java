/**
 * Sessions and their refresh tokens: login opens a session (a token family), every refresh spends
 * one token and issues its successor, a spent token that comes back revokes the whole family,
 * logout revokes it too; the purge removes what is dead. Each write has a one-statement path on
 * PostgreSQL and a portable JPA path, named {@code Postgres*} and {@code Jpa*}. Refusals carry a
 * neutral reason that each face answers in its own format. It listens to the account events of
 * users and never depends on oauth.
 */
package dev.rotor.sessions;
