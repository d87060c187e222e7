package dev.rotor.http;

import dev.rotor.problems.ProblemException;
import java.util.List;

/**
 * One page of a list, as every list endpoint answers it, with the paging rules they share: pages
 * count from 0, a page holds 1 to {@value #MAX_SIZE} items.
 */
public record Page<T>(List<T> items, int page, int size, long total) {

  public static final int MAX_SIZE = 200;

  /**
   * Refuses paging outside the rules with a 400 naming the parameter. Checked here, not by
   * {@code @Min}/{@code @Max}: Payara's OpenAPI generator fails on those (6.2025.10).
   */
  public static void check(int page, int size) {
    if (page < 0) {
      throw ProblemException.invalidField("page", "must be 0 or more");
    }
    if (size < 1 || size > MAX_SIZE) {
      throw ProblemException.invalidField("size", "must be 1 to " + MAX_SIZE);
    }
  }
}
