package dev.rotor.clients.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;

/** A registered client; {@code secretHash} (SHA-256) is null for a public client. */
public record Client(String id, byte[] secretHash, Set<String> grantTypes, Set<String> scopes) {

  public boolean isConfidential() {
    return secretHash != null;
  }

  public boolean mayUse(String grantType) {
    return grantTypes.contains(grantType);
  }

  /** The scope its sessions are granted, space-separated as OAuth writes it. */
  public String scope() {
    return String.join(" ", scopes);
  }

  /** Constant-time: the time taken says nothing about how much of the secret was right. */
  public boolean secretMatches(String secret) {
    return secretHash != null
        && secret != null
        && MessageDigest.isEqual(secretHash, sha256(secret));
  }

  static byte[] sha256(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
