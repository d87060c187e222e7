/**
 * The standards face of Rotor for off-the-shelf clients and resource servers: discovery metadata
 * (RFC 8414, OIDC Discovery), the refresh token grant (RFC 6749 §6), revocation (RFC 7009) and
 * introspection (RFC 7662), over the controls of sessions and clients. The OAuth vocabulary (error
 * codes, the error JSON) lives here and only here; nothing depends on this component.
 */
package dev.rotor.oauth;
