package dev.rotor.it.support;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;

/** A small HTTP client for Rotor's JSON API, as any client would call it. */
public final class Api {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private final URI base;

  public Api(URL base) {
    this(URI.create(base.toString()));
  }

  public Api(URI base) {
    String s = base.toString();
    this.base = URI.create(s.endsWith("/") ? s : s + "/");
  }

  /** An HTTP answer. */
  public record Reply(int status, HttpResponse<String> raw) {
    public String body() {
      return raw.body();
    }

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    public Map<String, Object> json() {
      try {
        return JSONObjectUtils.parse(raw.body());
      } catch (ParseException e) {
        throw new AssertionError("not JSON: " + raw.body(), e);
      }
    }

    public String string(String field) {
      return (String) json().get(field);
    }

    /** The body when it is a JSON array. */
    public java.util.List<Map<String, Object>> list() {
      try {
        return JSONObjectUtils.parse("{\"a\":" + raw.body() + "}").entrySet().stream()
            .findFirst()
            .map(e -> (java.util.List<Map<String, Object>>) e.getValue())
            .orElseThrow();
      } catch (ParseException e) {
        throw new AssertionError("not JSON: " + raw.body(), e);
      }
    }
  }

  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
        .timeout(Duration.ofSeconds(30));
  }

  public Reply send(HttpRequest request) {
    try {
      HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Reply postJson(String path, String json) {
    return withJson("POST", path, json, null);
  }

  public Reply get(String path, String bearer) {
    return send(authorized(request(path).GET(), bearer).build());
  }

  public Reply post(String path, String bearer) {
    return send(
        authorized(request(path).POST(HttpRequest.BodyPublishers.noBody()), bearer).build());
  }

  public Reply delete(String path, String bearer) {
    return send(authorized(request(path).DELETE(), bearer).build());
  }

  public Reply putJson(String path, String json, String bearer) {
    return withJson("PUT", path, json, bearer);
  }

  public Reply postJson(String path, String json, String bearer) {
    return withJson("POST", path, json, bearer);
  }

  public Reply patchJson(String path, String json, String bearer) {
    return withJson("PATCH", path, json, bearer);
  }

  private Reply withJson(String method, String path, String json, String bearer) {
    return send(
        authorized(
                request(path)
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json)),
                bearer)
            .build());
  }

  private static HttpRequest.Builder authorized(HttpRequest.Builder builder, String bearer) {
    return bearer == null ? builder : builder.header("Authorization", "Bearer " + bearer);
  }

  public Reply register(String username, String password) {
    return postJson("auth/register", credentials(username, password));
  }

  public Reply login(String username, String password) {
    return postJson("auth/login", credentials(username, password));
  }

  public Reply refresh(String refreshToken) {
    return postJson("auth/refresh", "{\"refresh_token\":\"" + refreshToken + "\"}");
  }

  public Reply logout(String refreshToken) {
    return postJson("auth/logout", "{\"refresh_token\":\"" + refreshToken + "\"}");
  }

  public Reply me(String accessToken) {
    return get("users/me", accessToken);
  }

  /** Moves the server's clock (test deployment only) by an ISO-8601 offset from real time. */
  public void moveClock(Duration offset) {
    Reply reply =
        send(
            request("test/clock")
                .header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString(offset.toString()))
                .build());
    if (reply.status() != 204) {
      throw new IllegalStateException("cannot move the clock: " + reply.status());
    }
  }

  /** Stops the server's clock where it stands, or lets it run again. */
  public void stopClock(boolean stopped) {
    Reply reply =
        send(
            request("test/clock/stopped")
                .header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString(String.valueOf(stopped)))
                .build());
    if (reply.status() != 204) {
      throw new IllegalStateException("cannot stop or start the clock: " + reply.status());
    }
  }

  /** Signs the claims with the server's real signing key (test deployment only). */
  public String sign(String claimsJson) {
    return postJson("test/sign", claimsJson).body();
  }

  private static String credentials(String username, String password) {
    return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
  }
}
