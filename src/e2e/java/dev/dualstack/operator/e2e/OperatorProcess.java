package dev.dualstack.operator.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * {@code dualstack-operator run} in a JVM of its own, as a pod would run it: its kubeconfig (a
 * ServiceAccount's, so it has exactly the chart's RBAC) comes from {@code KUBECONFIG}, its log goes
 * to a file. A separate process also means its informer-stop handler ({@code System.exit}) and a
 * kill cannot take the test JVM down with it.
 */
final class OperatorProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;
  private final int healthPort;
  private final int metricsPort;

  private OperatorProcess(String name, Process process, Path log, int healthPort, int metricsPort) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.healthPort = healthPort;
    this.metricsPort = metricsPort;
  }

  static OperatorProcess start(String name, Path kubeconfig, String... args) {
    try {
      int health = freePort();
      int metrics = freePort();
      String classpath =
          System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.addAll(List.of("-Xmx512m", "-cp", classpath)); // default JIT, as in the pod
      cmd.add("dev.dualstack.operator.Main");
      cmd.add("run");
      cmd.add("--health-port=" + health);
      cmd.add("--metrics-port=" + metrics);
      cmd.add("--log-format=text");
      cmd.addAll(Arrays.asList(args));
      Path logDir = Files.createDirectories(Path.of("target", "e2e-logs"));
      Path log = logDir.resolve(name + ".log");
      ProcessBuilder pb =
          new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
      pb.environment().put("KUBECONFIG", kubeconfig.toString());
      pb.environment().put("POD_NAME", name);
      return new OperatorProcess(name, pb.start(), log, health, metrics);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String name() {
    return name;
  }

  int metricsPort() {
    return metricsPort;
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Waits for {@code /readyz} (informers synced); fails with the log tail if the process ends. */
  OperatorProcess awaitReady() {
    Awaitility.await(name + " /readyz")
        .atMost(ControlPlane.WAIT)
        .pollInterval(Duration.ofMillis(500))
        .until(this::ready);
    return this;
  }

  boolean ready() {
    if (!process.isAlive()) {
      throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + logTail());
    }
    return get("http://127.0.0.1:" + healthPort + "/readyz") == 200;
  }

  String metrics() {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static int get(String url) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String logTail() {
    List<String> lines = log().lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }

  /** Kills the process at once (as a node failure would): no lease release, no clean stop. */
  void kill() {
    process.destroyForcibly();
    waitFor();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy(); // SIGTERM, as the kubelet sends
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    waitFor();
  }

  private void waitFor() {
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
