/**
 * How failures reach clients: RFC 9457 problem details for every error, whether raised by our code,
 * by JAX-RS, by the security layer or by the servlet container, and never an internal message, a
 * stack trace or an HTML page.
 */
package dev.rotor.problems;
