package dev.dualstack.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The Dockerfile cannot be built here (no Docker engine), so its contract with the pom and the
 * chart is checked as text: the jar it runs is the one the build produces, it runs {@code run}, and
 * its numeric user is the chart's {@code runAsUser}.
 */
class DockerfileTest {
  private static final Path DOCKERFILE = Path.of("Dockerfile");

  /** Logical lines (continuations joined), comments dropped. */
  private static List<String> instructions() throws IOException {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String line : Files.readAllLines(DOCKERFILE)) {
      String t = line.strip();
      if (cur.isEmpty() && (t.isEmpty() || t.startsWith("#"))) {
        continue;
      }
      if (t.endsWith("\\")) {
        cur.append(t, 0, t.length() - 1).append(' ');
      } else {
        out.add(cur.append(t).toString());
        cur.setLength(0);
      }
    }
    return out;
  }

  private static List<String> withKeyword(String keyword) throws IOException {
    return instructions().stream()
        .filter(i -> i.toUpperCase().startsWith(keyword + " "))
        .map(i -> i.substring(keyword.length() + 1).strip())
        .toList();
  }

  private static String finalName() throws Exception {
    var factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    var doc = factory.newDocumentBuilder().parse(Path.of("pom.xml").toFile());
    Element project = doc.getDocumentElement();
    for (Node n = project.getFirstChild(); n != null; n = n.getNextSibling()) {
      if ("build".equals(n.getNodeName())) {
        for (Node b = n.getFirstChild(); b != null; b = b.getNextSibling()) {
          if ("finalName".equals(b.getNodeName())) {
            return b.getTextContent().strip();
          }
        }
      }
    }
    throw new AssertionError("pom.xml has no build/finalName");
  }

  @Test
  void entrypointRunsTheJarThePomBuilds() throws Exception {
    String jar = finalName() + ".jar";
    List<String> entrypoints = withKeyword("ENTRYPOINT");
    assertThat(entrypoints).hasSize(1);
    JsonNode exec = new ObjectMapper().readTree(entrypoints.get(0));
    assertThat(exec.isArray()).as("exec form, so java is PID 1 and receives SIGTERM").isTrue();
    List<String> argv = HelmChartTest.texts(exec);
    assertThat(argv)
        .containsExactly(
            "java",
            "-XX:MaxRAMPercentage=75",
            "-XX:+ExitOnOutOfMemoryError",
            "-jar",
            "/app/" + jar,
            "run");

    assertThat(withKeyword("COPY"))
        .as("the runtime stage copies target/%s to the path the ENTRYPOINT runs", jar)
        .anySatisfy(
            copy ->
                assertThat(copy)
                    .startsWith("--from=build")
                    .contains("/target/" + jar + " ")
                    .endsWith(" /app/" + jar));
    assertThat(withKeyword("RUN"))
        .anySatisfy(run -> assertThat(run).endsWith("mvn -B -DskipTests package"));
  }

  @Test
  void buildsWithMavenAndRunsOnTheJre() throws IOException {
    assertThat(withKeyword("FROM"))
        .containsExactly("maven:3.9-eclipse-temurin-17 AS build", "eclipse-temurin:17-jre");
  }

  @Test
  void runsAsTheChartsNumericNonRootUser() throws IOException {
    List<String> users = withKeyword("USER");
    assertThat(users).hasSize(1);
    String[] userGroup = users.get(0).split(":");
    assertThat(userGroup[0]).as("numeric UID, so runAsNonRoot can verify it").matches("[0-9]+");
    int uid = Integer.parseInt(userGroup[0]);
    assertThat(uid).isPositive();

    JsonNode values = Chart.YAML.readTree(Chart.DIR.resolve("values.yaml").toFile());
    assertThat(values.at("/podSecurityContext/runAsUser").asInt()).isEqualTo(uid);
    assertThat(values.at("/securityContext/runAsUser").asInt()).isEqualTo(uid);
    if (userGroup.length > 1) {
      assertThat(values.at("/podSecurityContext/runAsGroup").asText()).isEqualTo(userGroup[1]);
    }
    // and what the chart renders by default
    JsonNode pod = Chart.Rendered.of(java.util.Map.of()).podSpec();
    assertThat(pod.at("/securityContext/runAsUser").asInt()).isEqualTo(uid);
  }

  @Test
  void dockerignoreKeepsTheContextToWhatTheBuildNeeds() throws IOException {
    List<String> lines =
        Files.readAllLines(Path.of(".dockerignore")).stream()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .toList();
    assertThat(lines).first().isEqualTo("*");
    assertThat(lines).contains("!pom.xml", "!src/");
    // every directory the Dockerfile copies from the context is let through
    for (String copy : withKeyword("COPY")) {
      if (copy.startsWith("--from")) {
        continue;
      }
      String source = copy.split("\\s+")[0];
      assertThat(lines).as("COPY %s", source).contains("!" + source);
    }
  }
}
