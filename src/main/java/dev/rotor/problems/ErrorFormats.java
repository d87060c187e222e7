package dev.rotor.problems;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The one place an error's format is chosen: by the request's path, before anything is rendered.
 * Every mapper, filter and the container's error page hands its {@link Failure} here; the format
 * that owns the path renders it, problem details where no component claims the path.
 */
@ApplicationScoped
public class ErrorFormats {

  private static final ErrorFormat PROBLEMS = new ProblemFormat();

  private Iterable<? extends ErrorFormat> formats;

  public ErrorFormats() {
    this(List.of());
  }

  /** A fixed set of formats besides problem details, as a unit test builds it. */
  public ErrorFormats(Iterable<? extends ErrorFormat> formats) {
    this.formats = formats;
  }

  @Inject
  void formats(@Any Instance<ErrorFormat> beans) {
    this.formats = beans;
  }

  /**
   * The format of a path relative to the application: Jersey gives it without its leading slash,
   * RESTEasy and the servlet request with it.
   */
  public ErrorFormat of(String path) {
    String relative = path == null ? "" : path.startsWith("/") ? path.substring(1) : path;
    for (ErrorFormat format : formats) {
      if (format.owns(relative)) {
        return format;
      }
    }
    return PROBLEMS;
  }

  public ErrorAnswer render(String path, Failure failure) {
    return of(path).render(failure);
  }

  /** The JAX-RS answer for a failure on this path. */
  public Response response(String path, Failure failure) {
    return render(path, failure).toResponse();
  }
}
