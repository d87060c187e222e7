package dev.rotor.problems;

import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import java.lang.annotation.ElementType;

/** Every property of a request body may be validated: they are records, never lazy entities. */
public class RecordsAreTraversable implements TraversableResolver {

  @Override
  public boolean isReachable(
      Object bean, Path.Node node, Class<?> rootType, Path path, ElementType type) {
    return true;
  }

  @Override
  public boolean isCascadable(
      Object bean, Path.Node node, Class<?> rootType, Path path, ElementType type) {
    return true;
  }
}
