/**
 * The registered clients and how they prove who they are: the built-in public client {@code
 * rotor-app} of the first-party API and those of {@code rotor.clients}, their grant types and
 * scopes, secrets kept only as hashes, and client authentication by the one method each client
 * registered (RFC 6749 §2.3.1; {@code private_key_jwt}, RFC 7523, with single-use assertions). It
 * answers in neutral terms; the first-party API and the OAuth endpoints each say it in their own
 * format.
 */
package dev.rotor.clients;
