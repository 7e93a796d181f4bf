package dev.dualstack.operator.pipeline.capability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/capability-matrix.md is generated from capabilities.yaml; regenerate with {@code
 * -Dcapabilities.regenerate=true}.
 */
class CapabilityMatrixDocTest {
  static final Path DOC = Path.of("docs/capability-matrix.md");

  @Test
  void documentMatchesTheMatrix() throws IOException {
    String rendered = CapabilityMatrixDoc.render(CapabilityMatrixLoader.builtin());
    if (Boolean.getBoolean("capabilities.regenerate")) {
      Files.writeString(DOC, rendered, StandardCharsets.UTF_8);
    }
    assertThat(DOC).as("run with -Dcapabilities.regenerate=true").exists();
    assertThat(Files.readString(DOC, StandardCharsets.UTF_8)).isEqualTo(rendered);
  }

  @Test
  void tableRowsFollowTheSpec() {
    String doc = CapabilityMatrixDoc.render(CapabilityMatrixLoader.builtin());
    assertThat(doc)
        .contains("| aws | AWS | always | ✓ | ✓ | ✓ | ✓ |")
        .contains("| digitalocean | DigitalOcean | always | ✓ | – | – | ✓ \\* |")
        .contains("| packet | Equinix Metal | always | ✓ | ✓ \\* | – | ✓ \\* |")
        .contains("| gcp | GCP | always | ✓ | – | – | – |")
        .contains("| hetzner | Hetzner | always | ✓ | – | – | ✓ |")
        .contains("| openstack | OpenStack | datacenter `ipv6Enabled` | ✓ | ✓ | ✓ | ✓ |")
        .contains("| vsphere | vSphere | datacenter `ipv6Enabled` | ✓ | – | – | – |")
        .contains("| bringyourown | Bring your own (kubeadm) | always | any | any | any | any |")
        .contains("| kubevirt | KubeVirt | unknown: allowed with a warning |  |  |  |  |")
        .contains("| canal | `v3.31` | `v3.29`, `v3.30`, `v3.31` |");
  }
}
