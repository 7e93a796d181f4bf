package dev.dualstack.operator.pipeline.field;

/** The one test for "not given" of a string value in a spec: null, empty or only whitespace. */
public final class Strings {
  private Strings() {}

  public static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
