package dev.rotor.audit.control;

import dev.rotor.configuration.HttpSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;

/**
 * The client's address: the connection's peer, unless that peer is a configured proxy ({@code
 * rotor.http.trusted-proxies}, read once), in which case {@code X-Forwarded-For} is read from the
 * right, skipping further trusted proxies; a client cannot forge its address by sending the header
 * itself.
 */
@ApplicationScoped
public class ClientAddress {

  @Inject HttpSettings settings;

  public String resolve(String peer, String forwardedFor) {
    return resolve(peer, forwardedFor, settings.trustedProxies());
  }

  static String resolve(String peer, String forwardedFor, Set<String> trustedProxies) {
    if (forwardedFor == null || forwardedFor.isBlank() || !trustedProxies.contains(peer)) {
      return peer;
    }
    List<String> hops = List.of(forwardedFor.split(","));
    for (int i = hops.size() - 1; i >= 0; i--) {
      String hop = hops.get(i).trim();
      if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
        return hop;
      }
    }
    return peer;
  }
}
