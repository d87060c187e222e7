package dev.rotor.users.control;

import dev.rotor.audit.control.Origin;
import dev.rotor.users.entity.User;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a username and password against the users table. Unknown users are hashed against a dummy
 * so that they take as long as a wrong password; a hash made with older parameters is upgraded on a
 * successful login.
 */
@ApplicationScoped
public class UserIdentityStore implements IdentityStore {

  @Inject Accounts accounts;

  @Inject Argon2idPasswordHash passwordHash;

  @Inject LoginThrottle throttle;

  private String dummyHash;

  /**
   * The verdict, with the reason of a refusal for the audit log (never for the client) and the
   * username as the audit log may keep it ({@link LoginThrottle#auditedName}).
   */
  public record Check(
      CredentialValidationResult result,
      String userId,
      String reason,
      String checkedHash,
      String auditedName) {
    public boolean valid() {
      return result.getStatus() == CredentialValidationResult.Status.VALID;
    }
  }

  @PostConstruct
  void init() {
    dummyHash = passwordHash.generate("no-such-user-dummy-password".toCharArray());
  }

  /**
   * Answers only username and password. Jakarta Security asks every store about every credential,
   * so also about each request's bearer token; the inherited dispatch answers those by catching a
   * NoSuchMethodError, once per request.
   */
  @Override
  public CredentialValidationResult validate(Credential credential) {
    return credential instanceof UsernamePasswordCredential password
        ? check(password, Origin.SERVER).result()
        : CredentialValidationResult.NOT_VALIDATED_RESULT;
  }

  /**
   * Checks the password, behind the brute-force defence: a throttled attempt is refused with {@link
   * LoginThrottled} before any hash. A wrong password for a disabled account counts as a failure;
   * the right one does not.
   */
  public Check check(UsernamePasswordCredential credential, Origin origin) {
    return check(credential, origin, null);
  }

  /**
   * {@link #check(UsernamePasswordCredential, Origin)} from a browser the caller verified has
   * signed in to this account before ({@code device}, see {@link LoginThrottle#begin}).
   */
  public Check check(UsernamePasswordCredential credential, Origin origin, String device) {
    LoginThrottle.Attempt attempt = throttle.begin(credential.getCaller(), origin, device);
    Optional<User> found = accounts.find(credential.getCaller());
    char[] password = credential.getPassword().getValue();
    boolean matches =
        passwordHash.verify(password, found.map(User::passwordHash).orElse(dummyHash));
    if (found.isEmpty()) {
      attempt.failed();
      return new Check(
          CredentialValidationResult.INVALID_RESULT,
          null,
          "unknown user",
          null,
          LoginThrottle.digestName(credential.getCaller()));
    }
    User user = found.get();
    if (!matches) {
      attempt.failed();
      return new Check(
          CredentialValidationResult.INVALID_RESULT,
          user.id(),
          "wrong password",
          null,
          user.username());
    }
    attempt.succeeded();
    if (!user.isEnabled()) {
      return new Check(
          CredentialValidationResult.INVALID_RESULT,
          user.id(),
          "account disabled",
          null,
          user.username());
    }
    String checkedHash = user.passwordHash();
    if (passwordHash.needsRehash(checkedHash)) {
      String upgraded = passwordHash.generate(password);
      if (accounts.replacePasswordHash(user.id(), checkedHash, upgraded)) {
        checkedHash = upgraded;
      }
    }
    return new Check(
        new CredentialValidationResult(
            null, new CallerPrincipal(user.username()), null, user.id(), user.roles()),
        user.id(),
        null,
        checkedHash,
        user.username());
  }

  @Override
  public Set<ValidationType> validationTypes() {
    return EnumSet.of(ValidationType.VALIDATE);
  }
}
