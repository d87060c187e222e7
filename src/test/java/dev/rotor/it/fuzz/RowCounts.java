package dev.rotor.it.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The row count of every table and of every audit event type, from the test-only endpoint. */
record RowCounts(Map<String, Long> tables, Map<String, Long> audit) {

  /** The operations that check a password, behind the brute-force defence (docs/security.md). */
  static final Set<String> PASSWORD_CHECKS =
      Set.of(
          "POST /auth/login",
          "POST /auth/register",
          "PUT /users/me/password",
          "POST /oauth2/authorize");

  /**
   * The operations that check a client secret, behind the client throttle (docs/security.md): a
   * wrong one is counted and audited as a wrong password is.
   */
  static final Set<String> SECRET_CHECKS =
      Set.of("POST /oauth2/token", "POST /oauth2/revoke", "POST /oauth2/introspect");

  /** Whether a rejected request of the operation may write the defence's rows. */
  static boolean checksCredentials(String operation) {
    return PASSWORD_CHECKS.contains(operation) || SECRET_CHECKS.contains(operation);
  }

  /** Audit events a rejected credential check writes: the defence's record of the refusal. */
  static final Set<String> REJECTION_EVENTS =
      Set.of("LOGIN_FAILED", "LOGIN_THROTTLED", "CLIENT_AUTH_FAILED", "CLIENT_THROTTLED");

  /** Tables the brute-force defence writes on a rejected password check. */
  static final Set<String> THROTTLE_TABLES =
      Set.of("account_throttle", "address_throttle", "trusted_source");

  static RowCounts of(Map<?, ?> json) {
    return new RowCounts(
        longs((Map<?, ?>) json.get("tables")), longs((Map<?, ?>) json.get("audit")));
  }

  private static Map<String, Long> longs(Map<?, ?> json) {
    Map<String, Long> out = new TreeMap<>();
    json.forEach((k, v) -> out.put((String) k, ((Number) v).longValue()));
    return out;
  }

  /**
   * The changes from this to {@code after} that a rejected request may not make: any, except for a
   * password check the throttle counters and audit events of the rejection kinds.
   */
  List<String> changesBy(RowCounts after, boolean passwordCheck) {
    List<String> wrong = new ArrayList<>();
    for (String table : after.tables.keySet()) {
      long was = tables.getOrDefault(table, 0L);
      long is = after.tables.get(table);
      if (was == is) {
        continue;
      }
      if (passwordCheck && THROTTLE_TABLES.contains(table) && is > was) {
        continue;
      }
      if (passwordCheck && table.equals("audit_event")) {
        continue; // checked by type below
      }
      wrong.add("rejected, yet " + table + " went from " + was + " to " + is + " rows");
    }
    if (passwordCheck) {
      for (String type : after.audit.keySet()) {
        long was = audit.getOrDefault(type, 0L);
        long is = after.audit.get(type);
        if (is != was && !(REJECTION_EVENTS.contains(type) && is > was)) {
          wrong.add("rejected, yet audit events " + type + " went from " + was + " to " + is);
        }
      }
    }
    return wrong;
  }
}
