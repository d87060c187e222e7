package dev.rotor.sessions.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.audit.control.AuditEventPurge;
import dev.rotor.clients.control.ClientPurge;
import dev.rotor.oauth.control.AuthorizationCodePurge;
import dev.rotor.persistence.DatabaseKind;
import dev.rotor.persistence.PurgeKind;
import dev.rotor.persistence.Purgeable;
import dev.rotor.sso.control.BrowserSessionPurge;
import dev.rotor.users.control.ThrottlePurge;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PurgeOrderTest {

  private static final List<Purgeable> SHUFFLED =
      List.of(
          new ThrottlePurge(),
          new AuditEventPurge(),
          new ClientPurge(),
          new SessionPurge(),
          new BrowserSessionPurge(),
          new AuthorizationCodePurge());

  private static List<PurgeKind> kinds() {
    return Purge.inOrder(SHUFFLED).stream().flatMap(c -> c.kinds().stream()).toList();
  }

  @Test
  void tokensGoFirstAndAuditEventsLastWhateverOrderTheComponentsAreFoundIn() {
    assertThat(kinds())
        .extracting(PurgeKind::label)
        .containsExactly(
            "expired_tokens",
            "spent_tokens",
            "revoked_session_tokens",
            "sessions",
            "authorization_codes",
            "browser_sessions",
            "account_throttles",
            "address_throttles",
            "trusted_sources",
            "client_assertions",
            "initial_access_tokens",
            "events");
  }

  @Test
  void everyBatchIsBoundedAndSkipsLockedRowsOnPostgresqlOnly() {
    for (PurgeKind kind : kinds()) {
      assertThat(kind.sql(DatabaseKind.H2)).as(kind.label()).endsWith("LIMIT ?2)");
      assertThat(kind.sql(DatabaseKind.POSTGRESQL))
          .as(kind.label())
          .endsWith("LIMIT ?2 FOR UPDATE" + kind.lockedTable() + " SKIP LOCKED)");
    }
  }

  @Test
  void theLogNamesTheKindsAsItAlwaysHas() {
    Map<PurgeKind, Long> removed = new LinkedHashMap<>();
    removed.put(SessionPurge.EXPIRED_TOKENS, 3L);
    removed.put(SessionPurge.SPENT_TOKENS, 0L);
    assertThat(Purge.asLogged(removed)).isEqualTo("{EXPIRED_TOKENS=3, SPENT_TOKENS=0}");
  }
}
