package dev.rotor.users.control;

import dev.rotor.problems.ProblemException;
import dev.rotor.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
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

  /** Creates an account; 400 when username or password break the rules, 409 when taken. */
  public User create(String username, String password, Set<String> roles) {
    if (!USERNAME.matcher(username).matches()) {
      throw new ProblemException(
          400, "Bad Request", "username: 3 to 64 characters, letters, digits and . _ @ + - only");
    }
    PasswordPolicy.violation(password)
        .ifPresent(
            v -> {
              throw ProblemException.invalidField("password", v);
            });
    if (find(username).isPresent()) {
      throw ProblemException.conflict("username", "already taken");
    }
    User user =
        new User(username, passwordHash.generate(password.toCharArray()), roles, clock.instant());
    em.persist(user);
    em.flush();
    return user;
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

  /** Its own transaction: login holds none while it hashes, so no connection waits on Argon2. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void replacePasswordHash(String userId, String newHash) {
    byId(userId).ifPresent(u -> u.changePasswordHash(newHash));
  }
}
