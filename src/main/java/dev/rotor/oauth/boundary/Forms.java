package dev.rotor.oauth.boundary;

import dev.rotor.clients.control.ClientCredentials;
import dev.rotor.oauth.control.OAuthError;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;

/** RFC 6749 §3.2: form parameters may not repeat; a blank one counts as absent. */
final class Forms {

  private Forms() {}

  /**
   * The posted form, or an empty one: a POST with no body and no {@code Content-Type} reaches a
   * form method with no form at all (Jersey passes null), which is a request missing every field.
   */
  static MultivaluedMap<String, String> orEmpty(MultivaluedMap<String, String> form) {
    return form != null ? form : new MultivaluedHashMap<>();
  }

  static String single(MultivaluedMap<String, String> form, String name) {
    List<String> values = orEmpty(form).get(name);
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw OAuthError.invalidRequest(name + " is repeated.");
    }
    String value = values.get(0);
    return value == null || value.isBlank() ? null : value;
  }

  /** What the request says about its client: the header and the form's client fields. */
  static ClientCredentials client(String authorization, MultivaluedMap<String, String> form) {
    return new ClientCredentials(
        authorization,
        single(form, "client_id"),
        single(form, "client_secret"),
        single(form, "client_assertion_type"),
        single(form, "client_assertion"));
  }

  static String required(MultivaluedMap<String, String> form, String name) {
    String value = single(form, name);
    if (value == null) {
      throw OAuthError.invalidRequest(name + " is required.");
    }
    return value;
  }
}
