package dev.rotor.users.control;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;

/**
 * The memory of one Argon2 hash, kept for the next one: Bouncy Castle takes every block from here
 * and gives it back cleared. Used by one hash at a time (the caller guarantees it), so it needs no
 * lock; Bouncy Castle's own shared pool locks twice per 1 KiB block, and two hashes sharing it ran
 * no faster than one.
 */
final class HashMemory implements Argon2BytesGenerator.BlockPool {

  private final Argon2BytesGenerator.Block[] free;
  private int size;

  /** Room for a hash of {@code memoryKib} KiB; a bigger one allocates the rest and drops it. */
  HashMemory(int memoryKib, int parallelism) {
    free =
        new Argon2BytesGenerator.Block[Argon2BytesGenerator.getBlockCount(memoryKib, parallelism)];
  }

  @Override
  public Argon2BytesGenerator.Block allocate() {
    return size > 0 ? free[--size] : new Argon2BytesGenerator.Block();
  }

  @Override
  public void deallocate(Argon2BytesGenerator.Block block) {
    if (size < free.length) {
      free[size++] = block;
    }
  }
}
