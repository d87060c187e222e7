/**
 * Single sign-on: browser sessions (the {@code rotor_sso} cookie, stored only as its SHA-256) and
 * the consents users gave third-party clients. No OAuth vocabulary: {@code oauth} speaks for it.
 * Uses users and sessions; only oauth uses it.
 */
package dev.rotor.sso;
