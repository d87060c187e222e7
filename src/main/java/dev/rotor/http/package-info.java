/**
 * The HTTP edge every boundary shares, short of rendering errors (that is {@code problems}): input
 * hardening before any resource runs (body and header size limits, the request charset, malformed
 * query and form escapes, JSON cut short, a NUL where a client writes text), {@code
 * X-Content-Type-Options} on every answer, the operator endpoints ({@code /metrics}, {@code
 * /openapi}) and the OpenAPI document, the page of a list, and one log line a minute, not a stack
 * trace, for what the servers log about a rejected request. It uses problems and configuration, and
 * no business component.
 */
package dev.rotor.http;
