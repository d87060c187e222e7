package dev.rotor.users.control;

/**
 * Computes raw Argon2id hashes (version 0x13). An instance runs one hash at a time: {@link
 * Argon2idPasswordHash} holds one per permit.
 */
interface Argon2idEngine {

  byte[] hash(
      byte[] password, byte[] salt, int memoryKib, int iterations, int parallelism, int length);

  /** For the start-up log. */
  String name();
}
