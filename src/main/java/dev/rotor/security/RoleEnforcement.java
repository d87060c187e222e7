package dev.rotor.security;

import dev.rotor.problems.ErrorFormats;
import dev.rotor.problems.Failure;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.security.Principal;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The WAR secures itself: every resource method under {@code @RolesAllowed} (on the method or its
 * class) refuses a caller without a verified token with 401 and a caller without the role with 403,
 * whether or not the server's JAX-RS runtime enforces roles (Payara Server does not; WildFly only
 * behind a RESTEasy switch, and then answers 403 for a missing token). It reads the caller that
 * MicroProfile JWT established and never looks at a token itself.
 */
@Provider
public class RoleEnforcement implements DynamicFeature {

  @Override
  public void configure(ResourceInfo resource, FeatureContext context) {
    Method method = resource.getResourceMethod();
    Class<?> type = resource.getResourceClass();
    if (find(method, PermitAll.class) != null) {
      return;
    }
    if (find(method, DenyAll.class) != null) {
      context.register(new Check(List.of()), Priorities.AUTHORIZATION);
      return;
    }
    RolesAllowed roles = find(method, RolesAllowed.class);
    if (roles == null && find(type, PermitAll.class) == null) {
      roles = find(type, RolesAllowed.class);
    }
    if (roles != null) {
      context.register(new Check(List.of(roles.value())), Priorities.AUTHORIZATION);
    }
  }

  /** On the class or a superclass: a container may hand us a generated subclass. */
  private static <A extends Annotation> A find(Class<?> type, Class<A> annotation) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      A found = c.getAnnotation(annotation);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** On the method or the method it overrides in a superclass. */
  private static <A extends Annotation> A find(Method method, Class<A> annotation) {
    for (Class<?> c = method.getDeclaringClass(); c != null && c != Object.class; ) {
      try {
        A found =
            c.getDeclaredMethod(method.getName(), method.getParameterTypes())
                .getAnnotation(annotation);
        if (found != null) {
          return found;
        }
      } catch (NoSuchMethodException e) {
        // not declared at this level
      }
      c = c.getSuperclass();
    }
    return null;
  }

  /** The check of one resource method: any of its roles will do; none means nobody. */
  static final class Check implements ContainerRequestFilter {

    private final List<String> roles;

    Check(List<String> roles) {
      this.roles = roles;
    }

    @Override
    public void filter(ContainerRequestContext request) {
      SecurityContext caller = request.getSecurityContext();
      if (caller == null
          || caller.getUserPrincipal() == null
          || !issuedByRotor(caller.getUserPrincipal())) {
        refuse(request, 401);
      } else if (roles.stream().noneMatch(caller::isUserInRole)) {
        refuse(request, 403);
      } else if (onlyAsAdmin(caller) && !stillAdmin(caller.getUserPrincipal())) {
        refuse(request, 403);
      }
    }

    /** Answers in the format of the path, as every other error does. */
    private static void refuse(ContainerRequestContext request, int status) {
      request.abortWith(
          CDI.current()
              .select(ErrorFormats.class)
              .get()
              .response(request.getUriInfo().getPath(), Failure.standard(status)));
    }

    /**
     * Whether the token's ids have the shape of those Rotor issues ({@link Ids}): {@code sub} and
     * {@code sid}, which is also what the tables that record them (sessions, the audit log) hold. A
     * validly signed token that says otherwise (a leaked key, a test's forgery) is not a credential
     * Rotor issued, and is refused before any of it is stored.
     */
    static boolean issuedByRotor(Principal principal) {
      return !(principal instanceof JsonWebToken token)
          || (isId(token.getSubject())
              && (token.getClaim("sid") == null || isId(token.getClaim("sid"))));
    }

    private static boolean isId(Object value) {
      return Ids.isId(
          value instanceof String s
              ? s
              : value instanceof jakarta.json.JsonString s ? s.getString() : null);
    }

    /** Whether the caller gets in by the admin role alone. */
    private boolean onlyAsAdmin(SecurityContext caller) {
      return roles.contains(Roles.ADMIN)
          && roles.stream().filter(r -> !r.equals(Roles.ADMIN)).noneMatch(caller::isUserInRole);
    }

    /**
     * The token says admin; the account must say so too, now: a disabled or demoted admin's
     * unexpired token opens nothing (at once on the node that made the change, within {@code
     * rotor.users.profile-cache-ttl} on the others).
     */
    private static boolean stillAdmin(Principal principal) {
      return principal instanceof JsonWebToken token
          && token.getSubject() != null
          && CDI.current().select(CurrentRoles.class).get().holds(token.getSubject(), Roles.ADMIN);
    }
  }
}
