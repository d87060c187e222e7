/**
 * How errors reach clients: RFC 9457 problem details for every error, whether raised by our code,
 * by JAX-RS, by the security layer or by the servlet container, never an internal message, a stack
 * trace or an HTML page. Rendering only: what refuses a request before it is rendered lives in
 * {@code http}. It knows no path or type of another component; a component that answers its own
 * paths in another format says so through {@link dev.rotor.problems.PathErrorFormat}.
 */
package dev.rotor.problems;
