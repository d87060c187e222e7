package dev.rotor.it.support;

import java.util.UUID;

/** Fresh, unique test users: no test depends on another's accounts. */
public final class Users {

  public static final String PASSWORD = "correct horse battery staple";

  /** The first admin the suite's server is started with. */
  public static final String ADMIN = "suite-admin";

  public static final String ADMIN_PASSWORD = "quiet-maple-ledger-42";

  private Users() {}

  public static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** An admin's access token. */
  public static String adminToken(Api api) {
    Api.Reply login = api.login(ADMIN, ADMIN_PASSWORD);
    if (login.status() != 200) {
      throw new IllegalStateException("admin login failed: " + login.status() + " " + login.body());
    }
    return login.string("access_token");
  }

  /**
   * Creates a user with {@link #PASSWORD} and these roles (a JSON array) through the admin API;
   * answers the 201 reply.
   */
  public static Api.Reply createdByAdmin(Api api, String adminToken, String name, String roles) {
    Api.Reply created =
        api.postJson(
            "admin/users",
            "{\"username\":\""
                + name
                + "\",\"password\":\""
                + PASSWORD
                + "\",\"roles\":"
                + roles
                + "}",
            adminToken);
    if (created.status() != 201) {
      throw new IllegalStateException("create failed: " + created.status() + " " + created.body());
    }
    return created;
  }

  /** Registers a new user with {@link #PASSWORD}; answers its name. */
  public static String registered(Api api, String prefix) {
    String name = unique(prefix);
    Api.Reply registered = api.register(name, PASSWORD);
    if (registered.status() != 201) {
      throw new IllegalStateException(
          "register failed: " + registered.status() + " " + registered.body());
    }
    return name;
  }

  /** Registers a new user and logs in; answers the token response. */
  public static Api.Reply registeredAndLoggedIn(Api api, String prefix) {
    String name = registered(api, prefix);
    Api.Reply login = api.login(name, PASSWORD);
    if (login.status() != 200) {
      throw new IllegalStateException("login failed: " + login.status() + " " + login.body());
    }
    return login;
  }

  /**
   * A password login from {@code address}, as the suite's trusted proxy forwards it: the server
   * takes the X-Forwarded-For address for the client's.
   */
  public static RawHttp.Reply loginFrom(String address, String username, String password) {
    return RawHttp.suiteFrom(ItServer.TRUSTED_PROXY)
        .send(
            "POST",
            "/auth/login",
            "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}",
            "Content-Type: application/json",
            "X-Forwarded-For: " + address);
  }
}
