package dev.rotor.it.browser;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.util.WebConnectionWrapper;

/** A browser that follows redirects and remembers every request it sent, for assertions. */
public final class RecordingBrowser implements AutoCloseable {

  /** One request the browser sent and what came back. */
  public record Hop(String method, String url, int status, String body) {
    @Override
    public String toString() {
      return method + " " + url + " -> " + status;
    }
  }

  private final WebClient web = Browsers.following();
  private final List<Hop> hops = new ArrayList<>();

  public RecordingBrowser() {
    new WebConnectionWrapper(web) {
      @Override
      public WebResponse getResponse(WebRequest request) throws IOException {
        WebResponse response = super.getResponse(request);
        hops.add(
            new Hop(
                request.getHttpMethod().name(),
                request.getUrl().toString(),
                response.getStatusCode(),
                Objects.toString(response.getContentAsString(), "")));
        return response;
      }
    };
  }

  public WebClient web() {
    return web;
  }

  /** The requests so far, oldest first; {@link List#clear()} forgets them. */
  public List<Hop> hops() {
    return hops;
  }

  /** What happened, for assertion messages. */
  public String trail() {
    return hops.stream().map(Hop::toString).collect(Collectors.joining("\n  ", "\n  ", ""));
  }

  @Override
  public void close() {
    web.close();
  }
}
