/**
 * The standards face of Rotor for off-the-shelf clients and resource servers: discovery metadata
 * (RFC 8414, OIDC Discovery), the refresh token grant (RFC 6749 §6), revocation (RFC 7009) and
 * introspection (RFC 7662), over the same controls as the first-party API, answering OAuth error
 * JSON.
 */
package dev.rotor.oauth;
