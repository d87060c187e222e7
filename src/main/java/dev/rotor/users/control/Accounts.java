package dev.rotor.users.control;

import dev.rotor.audit.control.AuditLog;
import dev.rotor.audit.control.Origin;
import dev.rotor.audit.entity.AuditEvent;
import dev.rotor.problems.ProblemException;
import dev.rotor.security.Roles;
import dev.rotor.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Creating and finding accounts. */
@ApplicationScoped
public class Accounts {

  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@+-]{3,64}");

  @PersistenceContext EntityManager em;

  @Inject Argon2idPasswordHash passwordHash;

  @Inject Clock clock;

  @Inject AuditLog audit;

  @Inject Event<AccountLocked> accountLocked;

  @Inject Event<PasswordChanged> passwordChanged;

  @Inject Event<AccountChanged> accountChanged;

  @Inject AccountWrites store;

  @Inject LoginThrottle throttle;

  /**
   * Creates an account, with its audit event in the same transaction; 400 when username or password
   * break the rules, 409 when taken. The password is hashed first, outside any transaction.
   */
  public User create(
      String username,
      String password,
      Set<String> roles,
      AuditEvent.Type event,
      String reason,
      Origin origin) {
    if (!USERNAME.matcher(username).matches()) {
      throw new ProblemException(
          400, "Bad Request", "username: 3 to 64 characters, letters, digits and . _ @ + - only");
    }
    PasswordPolicy.violation(password, username)
        .ifPresent(
            v -> {
              throw ProblemException.invalidField("password", v);
            });
    if (find(username).isPresent()) {
      throw ProblemException.conflict("username", "already taken");
    }
    User user =
        new User(username, passwordHash.generate(password.toCharArray()), roles, clock.instant());
    return store.insert(user, event, reason, origin);
  }

  /**
   * Changes the caller's own password; the other sessions end with it. The new password meets the
   * policy first: a change refused for it checks no password and stores nothing, not even the
   * throttle's count (a right current password would have reset it). The current password is
   * checked behind the brute-force defence, and both hashes run before the one short transaction
   * that stores the new one, only if the password did not change meanwhile.
   */
  public void changePassword(
      String userId, String current, String next, String keepSessionId, Origin origin) {
    User user =
        byId(userId).orElseThrow(() -> new ProblemException(404, "Not Found", "No such user."));
    PasswordPolicy.violation(next, user.username())
        .ifPresent(
            v -> {
              throw ProblemException.invalidField("new_password", v);
            });
    LoginThrottle.Attempt attempt = throttle.begin(user.username(), origin);
    if (!passwordHash.verify(current.toCharArray(), user.passwordHash())) {
      attempt.failed();
      throw ProblemException.invalidField("current_password", "is not the current password");
    }
    attempt.succeeded();
    store.changePassword(user, passwordHash.generate(next.toCharArray()), keepSessionId, origin);
  }

  /** A page of users, by username, optionally only those whose name contains {@code q}. */
  public List<User> list(String q, int page, int size) {
    return em.createNamedQuery(User.SEARCH, User.class)
        .setParameter("q", pattern(q))
        .setFirstResult(page * size)
        .setMaxResults(size)
        .getResultList();
  }

  public long count(String q) {
    return em.createNamedQuery(User.COUNT_SEARCH, Long.class)
        .setParameter("q", pattern(q))
        .getSingleResult();
  }

  /** A LIKE pattern that matches {@code q} literally: {@code \\ % _} are escaped, not dropped. */
  static String pattern(String q) {
    String fragment =
        q == null
            ? ""
            : User.keyOf(q).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    return "%" + fragment + "%";
  }

  /** Enables or disables; disabling ends every session of the user at once. */
  public User setEnabled(String userId, boolean enabled, String adminId, Origin origin) {
    User user = existing(userId);
    if (!enabled && user.isEnabled()) {
      guardLastAdmin(user);
      user.disable();
      // Written before the sessions end: a login whose session start waits on this row then
      // sees the account disabled, and one that got in first has its session ended below.
      em.flush();
      auditAdmin(user, "disabled by " + adminId, origin);
      accountLocked.fire(new AccountLocked(userId, "account disabled", origin));
    } else if (enabled && !user.isEnabled()) {
      user.enable();
      auditAdmin(user, "enabled by " + adminId, origin);
    }
    accountChanged.fire(new AccountChanged(userId));
    return user;
  }

  public User setRoles(String userId, Set<String> roles, String adminId, Origin origin) {
    User user = existing(userId);
    if (!roles.contains(Roles.ADMIN) && user.roles().contains(Roles.ADMIN)) {
      guardLastAdmin(user);
    }
    user.changeRoles(roles);
    auditAdmin(user, "roles set to " + String.join(" ", user.roles()) + " by " + adminId, origin);
    accountChanged.fire(new AccountChanged(userId));
    return user;
  }

  /** Deletes the user; their sessions and tokens go with them. */
  public void delete(String userId, String adminId, Origin origin) {
    User user = existing(userId);
    guardLastAdmin(user);
    accountLocked.fire(new AccountLocked(userId, "account deleted", origin));
    auditAdmin(user, "deleted by " + adminId, origin);
    em.remove(user);
    accountChanged.fire(new AccountChanged(userId));
  }

  public User existing(String userId) {
    return byId(userId).orElseThrow(() -> new ProblemException(404, "Not Found", "No such user."));
  }

  /**
   * An admin cannot remove the last enabled admin, or nobody could administer Rotor. The enabled
   * admins' rows are locked while they are counted, until the change commits: of two admins
   * demoting each other at once, on one node or two, the second waits, counts again and is refused.
   */
  private void guardLastAdmin(User user) {
    if (user.isEnabled()
        && user.roles().contains(Roles.ADMIN)
        && em
                .createNamedQuery(User.ENABLED_ADMINS, User.class)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList()
                .stream()
                .filter(admin -> admin.roles().contains(Roles.ADMIN))
                .count()
            <= 1) {
      throw new ProblemException(
          409, "Conflict", "The last enabled admin cannot be disabled, demoted or deleted.");
    }
  }

  private void auditAdmin(User user, String what, Origin origin) {
    audit.record(
        AuditLog.Entry.of(AuditEvent.Type.ADMIN_ACTION, origin)
            .user(user.id(), user.username())
            .reason(what));
  }

  public Optional<User> find(String username) {
    return em.createNamedQuery(User.BY_USERNAME, User.class)
        .setParameter("usernameKey", User.keyOf(username))
        .getResultStream()
        .findFirst();
  }

  public Optional<User> byId(String id) {
    return Optional.ofNullable(em.find(User.class, id));
  }

  /**
   * Its own transaction: login holds none while it hashes, so no connection waits on Argon2. Only
   * if the hash is still the one that was checked: a password changed meanwhile is not overwritten.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public boolean replacePasswordHash(String userId, String checkedHash, String newHash) {
    return em.createNamedQuery(User.REPLACE_HASH)
            .setParameter("id", userId)
            .setParameter("checked", checkedHash)
            .setParameter("next", newHash)
            .executeUpdate()
        == 1;
  }
}
