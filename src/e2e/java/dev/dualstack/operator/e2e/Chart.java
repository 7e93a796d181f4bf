package dev.dualstack.operator.e2e;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.Release;
import java.nio.file.Path;
import java.util.Map;

/** The Helm chart installed into the real server through helm-java (real Helm, in-process). */
final class Chart {
  static final Path DIR = Path.of("deploy/helm/dualstack-operator");
  static final String NAMESPACE = "dualstack-system";
  static final String RELEASE = "dualstack-operator";
  /** The chart's ServiceAccount for release {@link #RELEASE}. */
  static final String SERVICE_ACCOUNT = "dualstack-operator";

  private Chart() {}

  static Release install(ControlPlane cp, String release, String namespace, Map<String, ?> values) {
    InstallCommand install =
        new Helm(DIR)
            .install()
            .withName(release)
            .withNamespace(namespace)
            .createNamespace()
            .withKubeConfig(cp.adminKubeconfig());
    values.forEach(install::set);
    return install.call();
  }

  static Release upgrade(ControlPlane cp, String release, String namespace, Map<String, ?> values) {
    var upgrade =
        new Helm(DIR)
            .upgrade()
            .withName(release)
            .withNamespace(namespace)
            .withKubeConfig(cp.adminKubeconfig());
    values.forEach(upgrade::set);
    return upgrade.call();
  }

  static String uninstall(ControlPlane cp, String release, String namespace) {
    return Helm.uninstall(release)
        .withNamespace(namespace)
        .withKubeConfig(cp.adminKubeconfig())
        .call();
  }
}
