package dev.dualstack.operator.bench;

import dev.dualstack.operator.Main;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code check FILE} in this JVM (the packaged jar on the class path, output discarded) and
 * prints the bytes it allocated, on every thread ({@code check} reads on one and evaluates on
 * another): the probe JVM runs Epsilon, the collector that never collects, so the growth of the
 * heap in use is what was allocated.
 */
public final class CheckAllocationProbe {
  private CheckAllocationProbe() {}

  public static void main(String[] args) {
    PrintStream report = System.out;
    System.setOut(new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8));
    var memory = ManagementFactory.getMemoryMXBean();
    long before = memory.getHeapMemoryUsage().getUsed();
    int exit = Main.execute("check", args[0]);
    long after = memory.getHeapMemoryUsage().getUsed();
    report.println("allocated=" + (after - before) + " exit=" + exit);
  }

  /** Bytes allocated by {@code check input} in a fresh probe JVM with {@code jar}. */
  static long allocated(Path jar, Path input) throws IOException, InterruptedException {
    String self;
    try {
      self =
          Path.of(
                  CheckAllocationProbe.class
                      .getProtectionDomain()
                      .getCodeSource()
                      .getLocation()
                      .toURI())
              .toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:+UnlockExperimentalVMOptions",
            "-XX:+UseEpsilonGC",
            "-Xlog:gc+init=off",
            "-Xmx12g",
            "-cp",
            jar + java.io.File.pathSeparator + self,
            CheckAllocationProbe.class.getName(),
            input.toString());
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0 || !out.endsWith("exit=0")) {
      throw new IllegalStateException("probe failed: " + out);
    }
    return Long.parseLong(out.replaceAll(".*allocated=([0-9]+).*", "$1"));
  }
}
