package dev.rotor.sso.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/** The scopes one user allowed one third-party client. */
@Entity
@Table(name = "consent")
@NamedQuery(
    name = Consent.OF,
    query = "SELECT c FROM Consent c WHERE c.userId = :userId AND c.clientId = :clientId")
public class Consent {

  public static final String OF = "Consent.of";

  @Id private String id;

  @Column(name = "user_id")
  private String userId;

  @Column(name = "client_id")
  private String clientId;

  private String scope;

  @Column(name = "granted_at")
  private long grantedAt;

  protected Consent() {}

  public Consent(String userId, String clientId, Set<String> scopes, Instant now) {
    this.id = UUID.randomUUID().toString();
    this.userId = userId;
    this.clientId = clientId;
    this.scope = String.join(" ", scopes);
    this.grantedAt = now.toEpochMilli();
  }

  public Set<String> scopes() {
    return new LinkedHashSet<>(Arrays.asList(scope.split(" ")));
  }

  /** Adds scopes to what was allowed before. */
  public void widen(Set<String> more, Instant now) {
    Set<String> all = scopes();
    all.addAll(more);
    scope = String.join(" ", all);
    grantedAt = now.toEpochMilli();
  }
}
