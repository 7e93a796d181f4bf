package dev.dualstack.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * deploy/manifests/ is the chart rendered with its default values (plus the Namespace), for {@code
 * kubectl apply -f crds/ -f deploy/manifests/}. Regenerate after changing the chart with {@code mvn
 * -Dmanifests.update=true test -Dtest=ManifestsSyncTest}.
 */
class ManifestsSyncTest {
  static final Path MANIFEST = Path.of("deploy", "manifests", "dualstack-operator.yaml");
  private static final String REGENERATE =
      "mvn -B -Dmanifests.update=true test -Dtest=ManifestsSyncTest";

  /** The manifest text: a header, the Namespace, then {@code helm template} with defaults. */
  static String render() {
    return "# Generated from deploy/helm/dualstack-operator with its default values; do not edit.\n"
        + "# Regenerate: "
        + REGENERATE
        + "\n"
        + "# Install:    kubectl apply -f crds/ -f deploy/manifests/\n"
        + "---\n"
        + "apiVersion: v1\n"
        + "kind: Namespace\n"
        + "metadata:\n"
        + "  name: "
        + Chart.NAMESPACE
        + "\n"
        + "  labels:\n"
        + "    app.kubernetes.io/part-of: dualstack-operator\n"
        + "    pod-security.kubernetes.io/enforce: restricted\n"
        + Chart.template().stripTrailing()
        + "\n";
  }

  @Test
  void manifestsAreTheChartRenderedWithDefaults() throws IOException {
    String expected = render();
    if (Boolean.getBoolean("manifests.update")) {
      Files.createDirectories(MANIFEST.getParent());
      Files.writeString(MANIFEST, expected);
    }
    assertThat(MANIFEST).as("%s is missing; generate it with: %s", MANIFEST, REGENERATE).exists();
    assertThat(Files.readString(MANIFEST))
        .as("%s is out of date with the chart; regenerate it with: %s", MANIFEST, REGENERATE)
        .isEqualTo(expected);
  }

  @Test
  void manifestsAreInstallableWithoutHelm() throws IOException {
    List<JsonNode> objects = Chart.parse(Files.readString(MANIFEST));
    assertThat(objects.get(0).path("kind").asText())
        .as("the Namespace comes first so kubectl creates it before the objects in it")
        .isEqualTo("Namespace");
    assertThat(objects.get(0).at("/metadata/name").asText()).isEqualTo(Chart.NAMESPACE);
    assertThat(objects)
        .extracting(o -> o.path("kind").asText())
        .contains(
            "ServiceAccount",
            "ClusterRole",
            "ClusterRoleBinding",
            "Role",
            "RoleBinding",
            "Service",
            "Deployment")
        .doesNotContain("CustomResourceDefinition", "ServiceMonitor");
    for (JsonNode o : objects) {
      assertThat(o.path("apiVersion").asText()).as("apiVersion of %s", o).isNotEmpty();
      assertThat(o.at("/metadata/name").asText()).as("name of %s", o).isNotEmpty();
      String kind = o.path("kind").asText();
      boolean clusterScoped =
          kind.equals("Namespace")
              || kind.startsWith("Cluster")
              || kind.equals("ValidatingWebhookConfiguration");
      assertThat(o.at("/metadata/namespace").isMissingNode())
          .as("%s %s namespaced", kind, o.at("/metadata/name").asText())
          .isEqualTo(clusterScoped);
      if (!clusterScoped) {
        assertThat(o.at("/metadata/namespace").asText()).isEqualTo(Chart.NAMESPACE);
      }
    }
  }

  @Test
  void onlyYamlFilesInTheManifestsDirectory() throws IOException {
    try (var files = Files.list(MANIFEST.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("kubectl apply -f deploy/manifests/ applies every file in it")
          .containsExactly(MANIFEST.getFileName().toString());
    }
  }
}
