/**
 * Signing keys: generated once per cluster and stored in the database, used by the single class
 * that signs access tokens, and published as a JWK Set for every verifier, our own MicroProfile JWT
 * first.
 */
package dev.rotor.keys;
