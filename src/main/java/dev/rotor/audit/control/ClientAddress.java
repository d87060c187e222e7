package dev.rotor.audit.control;

import dev.rotor.configuration.HttpSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The client's address: the connection's peer, unless that peer is a configured proxy ({@code
 * rotor.http.trusted-proxies}, read once), in which case {@code X-Forwarded-For} is read from the
 * right, skipping further trusted proxies; a client cannot forge its address by sending the header
 * itself. The header may come as several lines (RFC 9110 §5.3: one list, in order): a proxy that
 * appends its own line instead of extending the first must not leave the client's first line to be
 * believed.
 */
@ApplicationScoped
public class ClientAddress {

  @Inject HttpSettings settings;

  /** {@code forwardedFor}: every {@code X-Forwarded-For} line of the request, in order. */
  public String resolve(String peer, List<String> forwardedFor) {
    return resolve(peer, forwardedFor, settings.trustedProxies());
  }

  static String resolve(String peer, List<String> forwardedFor, Set<String> trustedProxies) {
    if (forwardedFor == null || !trustedProxies.contains(peer)) {
      return peer;
    }
    List<String> hops = new ArrayList<>();
    for (String line : forwardedFor) {
      if (line != null) {
        hops.addAll(List.of(line.split(",")));
      }
    }
    for (int i = hops.size() - 1; i >= 0; i--) {
      String hop = hops.get(i).trim();
      if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
        return hop;
      }
    }
    return peer;
  }
}
