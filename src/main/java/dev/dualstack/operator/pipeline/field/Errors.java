package dev.dualstack.operator.pipeline.field;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the errors of one stage: the stage creates it, its rule classes add to it (nobody
 * throws), and the stage returns what was collected as a value ({@link Findings}, or a stage result
 * record). This is the one pattern for rule classes: {@code static void validate(ValidationContext
 * ctx, Errors errors)}, plus a warning list where a rule warns.
 */
public final class Errors {
  private final List<FieldError> list = new ArrayList<>();

  public void add(FieldError e) {
    list.add(e);
  }

  public void add(Rule rule, ErrorType type, FieldPath field, Object value, String message) {
    list.add(FieldError.of(rule, type, field, value, message));
  }

  public void addAll(List<FieldError> errors) {
    list.addAll(errors);
  }

  /** Number of errors so far; compare before/after a subtree to skip dependent checks. */
  public int size() {
    return list.size();
  }

  public boolean isEmpty() {
    return list.isEmpty();
  }

  public List<FieldError> toList() {
    return List.copyOf(list);
  }
}
