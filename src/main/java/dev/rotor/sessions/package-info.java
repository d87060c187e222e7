/**
 * Sessions and their refresh tokens: login opens a session (a token family), every refresh spends
 * one token and issues its successor, a spent token that comes back revokes the whole family,
 * logout revokes it too.
 */
package dev.rotor.sessions;
