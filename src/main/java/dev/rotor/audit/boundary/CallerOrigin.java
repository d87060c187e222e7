package dev.rotor.audit.boundary;

import dev.rotor.audit.control.ClientAddress;
import dev.rotor.audit.control.Origin;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The current request's {@link Origin}, for any boundary that records or stores one. */
@RequestScoped
public class CallerOrigin {

  @Inject HttpServletRequest request;

  @Inject
  @ConfigProperty(name = "rotor.http.trusted-proxies")
  Optional<String> trustedProxies;

  /** Dependent: inject it into request-scoped boundaries only. */
  @Produces
  Origin origin() {
    return current();
  }

  /** For application-scoped boundaries, through this bean's request-scoped proxy. */
  public Origin current() {
    Set<String> proxies =
        trustedProxies
            .map(
                list ->
                    Arrays.stream(list.split(",")).map(String::trim).collect(Collectors.toSet()))
            .orElse(Set.of());
    return new Origin(
        ClientAddress.resolve(
            request.getRemoteAddr(), request.getHeader("X-Forwarded-For"), proxies),
        request.getHeader("User-Agent"));
  }
}
