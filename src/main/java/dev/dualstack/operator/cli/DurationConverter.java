package dev.dualstack.operator.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations as the flags write them: {@code 15s}, {@code 2m}, {@code 1h30m}, {@code 500ms}. */
public final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    String v = value.strip().toUpperCase(Locale.ROOT);
    try {
      Duration d;
      if (v.endsWith("MS") && v.length() > 2 && v.substring(0, v.length() - 2).matches("[0-9]+")) {
        d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      } else {
        d = Duration.parse("PT" + v);
      }
      if (d.isNegative() || d.isZero()) {
        throw new TypeConversionException(
            "'" + value + "' is not a positive duration (e.g. 15s, 2m, 1h30m)");
      }
      return d;
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new TypeConversionException(
          "'" + value + "' is not a duration (e.g. 15s, 2m, 1h30m, 500ms)");
    }
  }
}
