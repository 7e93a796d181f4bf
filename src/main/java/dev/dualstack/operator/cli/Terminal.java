package dev.dualstack.operator.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether standard input is a terminal (Java 17 has no direct way to ask). */
final class Terminal {
  private static final Path STDIN = Path.of("/proc/self/fd/0");

  private Terminal() {}

  /**
   * On Linux, from where file descriptor 0 points ({@code /dev/pts/*}, {@code /dev/tty*});
   * elsewhere a console attached to the JVM is taken as a terminal.
   */
  static boolean stdinIsTerminal() {
    try {
      String target = Files.readSymbolicLink(STDIN).toString();
      return target.startsWith("/dev/pts/")
          || target.startsWith("/dev/tty")
          || target.equals("/dev/console");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null;
    }
  }
}
