/**
 * How answers reach clients at the HTTP edge every boundary shares: RFC 9457 problem details for
 * every error, whether raised by our code, by JAX-RS, by the security layer or by the servlet
 * container, never an internal message, a stack trace or an HTML page; the body size limit; and the
 * page of a list. It knows no path or type of another component.
 */
package dev.rotor.problems;
