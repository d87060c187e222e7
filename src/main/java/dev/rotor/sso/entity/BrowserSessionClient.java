package dev.rotor.sso.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A client a browser session signed in to: the one its logout must reach. */
@Entity
@Table(name = "browser_session_client")
@NamedQuery(
    name = BrowserSessionClient.CLIENTS_OF,
    query =
        "SELECT DISTINCT c.clientId FROM BrowserSessionClient c"
            + " WHERE c.browserSessionId = :sessionId")
@NamedQuery(
    name = BrowserSessionClient.COUNT_OF,
    query =
        "SELECT COUNT(c) FROM BrowserSessionClient c"
            + " WHERE c.browserSessionId = :sessionId AND c.clientId = :clientId")
public class BrowserSessionClient {

  public static final String CLIENTS_OF = "BrowserSessionClient.clientsOf";
  public static final String COUNT_OF = "BrowserSessionClient.countOf";

  @Id private String id;

  @Column(name = "browser_session_id")
  private String browserSessionId;

  @Column(name = "client_id")
  private String clientId;

  @Column(name = "signed_in_at")
  private long signedInAt;

  protected BrowserSessionClient() {}

  public BrowserSessionClient(String browserSessionId, String clientId, Instant now) {
    this.id = UUID.randomUUID().toString();
    this.browserSessionId = Objects.requireNonNull(browserSessionId);
    this.clientId = Objects.requireNonNull(clientId);
    this.signedInAt = now.toEpochMilli();
  }
}
