/**
 * How errors reach clients, never as an internal message, a stack trace or an HTML page: every
 * failure, whether raised by our code, by JAX-RS, by the security layer or by the servlet
 * container, is described once as a {@link dev.rotor.problems.Failure} and rendered by the format
 * that owns the request's path ({@link dev.rotor.problems.ErrorFormats}): RFC 9457 problem details
 * unless a component claims the path with an {@link dev.rotor.problems.ErrorFormat} of its own.
 * Rendering only: what refuses a request before it is rendered lives in {@code http}. It knows no
 * path or type of another component.
 */
package dev.rotor.problems;
