package dev.dualstack.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The chart against a real kube-apiserver through helm-java (real Helm, in-process): installs with
 * default values, with leader election and 2 replicas, and with every documented value set once;
 * {@code helm upgrade} changes what it should; {@code helm uninstall} leaves nothing behind (the
 * CRDs aside, as Helm does); the plain manifests apply with kubectl. No kubelet runs here, so the
 * Deployment's pods never start: what is proven is that the API server accepts every object the
 * chart renders and that Helm can manage the release's life cycle.
 */
@Tag("e2e")
class HelmE2E {
  private static final String INSTANCE = "app.kubernetes.io/instance";
  private static ControlPlane cp;
  private static KubernetesClient admin;

  @BeforeAll
  static void start() {
    cp = ControlPlane.start(HelmE2E.class);
    admin = cp.admin();
    // the every-value case renders a prometheus-operator ServiceMonitor: give the server its CRD
    ControlPlane.Result r =
        cp.kubectl().runWithInput(SERVICE_MONITOR_CRD, "apply", "-f", "-");
    assertThat(r.exitCode()).as(r.both()).isZero();
    cp.awaitEstablished("servicemonitors.monitoring.coreos.com");
  }

  @AfterAll
  static void stop() {
    if (cp != null) {
      cp.close();
    }
  }

  @Test
  void installUpgradeUninstallWithDefaultValues() {
    Release r = Chart.install(cp, "ds-default", "ds-default", Map.of());
    assertThat(r.getStatus()).isEqualTo("deployed");
    assertThat(admin.apps().deployments().inNamespace("ds-default").withName("ds-default-dualstack-operator").get())
        .isNotNull();
    assertThat(admin.serviceAccounts().inNamespace("ds-default").withName("ds-default-dualstack-operator").get())
        .isNotNull();
    assertThat(admin.rbac().clusterRoles().withName("ds-default-dualstack-operator").get()).isNotNull();
    assertThat(admin.rbac().roles().inNamespace("ds-default").list().getItems())
        .extracting(x -> x.getMetadata().getName())
        .containsExactlyInAnyOrder(
            "ds-default-dualstack-operator-join-configmaps",
            "ds-default-dualstack-operator-webhook-certificate");
    // the admission webhook is on by default: its configuration, Service and (empty) Secret
    assertThat(
            admin.admissionRegistration().v1().validatingWebhookConfigurations()
                .withName("ds-default-dualstack-operator").get())
        .isNotNull();
    assertThat(admin.services().inNamespace("ds-default").withName("ds-default-dualstack-operator-webhook").get())
        .isNotNull();
    assertThat(admin.secrets().inNamespace("ds-default").withName("ds-default-dualstack-operator-webhook-tls").get().getData())
        .as("the chart never writes the certificate")
        .isNullOrEmpty();
    assertThat(admin.apiextensions().v1().customResourceDefinitions().withName("clusters.dualstack.dev").get())
        .as("the chart installs the CRDs from its crds/")
        .isNotNull();

    Release up = Chart.upgrade(cp, "ds-default", "ds-default", Map.of("concurrency", "8", "logFormat", "text"));
    assertThat(up.getRevision()).isEqualTo("2");
    Deployment d = admin.apps().deployments().inNamespace("ds-default").withName("ds-default-dualstack-operator").get();
    assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
        .anySatisfy(e -> assertThat(e.getName() + "=" + e.getValue()).isEqualTo("DUALSTACK_CONCURRENCY=8"))
        .anySatisfy(e -> assertThat(e.getName() + "=" + e.getValue()).isEqualTo("DUALSTACK_LOG_FORMAT=text"));

    Chart.uninstall(cp, "ds-default", "ds-default");
    assertNothingLeft("ds-default", "ds-default");
    assertThat(admin.apiextensions().v1().customResourceDefinitions().withName("clusters.dualstack.dev").get())
        .as("Helm keeps CRDs on uninstall")
        .isNotNull();
  }

  @Test
  void installWithLeaderElectionAndTwoReplicas() {
    Release r = Chart.install(cp, "ds-ha", "ds-ha", Map.of("replicas", "2"));
    assertThat(r.getStatus()).isEqualTo("deployed");
    Deployment d = admin.apps().deployments().inNamespace("ds-ha").withName("ds-ha-dualstack-operator").get();
    assertThat(d.getSpec().getReplicas()).isEqualTo(2);
    assertThat(admin.rbac().roles().inNamespace("ds-ha").withName("ds-ha-dualstack-operator-leader-election").get())
        .isNotNull();
    assertThat(admin.policy().v1().podDisruptionBudget().inNamespace("ds-ha").withName("ds-ha-dualstack-operator").get())
        .isNotNull();
    Chart.uninstall(cp, "ds-ha", "ds-ha");
    assertNothingLeft("ds-ha", "ds-ha");
  }

  @Test
  void installWithEveryDocumentedValueSetOnce() {
    cp.createNamespace("dso-join");
    Release r =
        new Helm(Chart.DIR)
            .install()
            .withName("ds-every")
            .withNamespace("ds-every")
            .createNamespace()
            .withKubeConfig(cp.adminKubeconfig())
            .withValuesFile(Path.of("src/e2e/resources/helm/every-value.yaml"))
            .call();
    assertThat(r.getStatus()).isEqualTo("deployed");
    Deployment d = admin.apps().deployments().inNamespace("ds-every").withName("dso-every-value").get();
    assertThat(d.getSpec().getReplicas()).isEqualTo(2);
    assertThat(d.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("dso-sa");
    assertThat(d.getSpec().getTemplate().getSpec().getPriorityClassName())
        .isEqualTo("system-cluster-critical");
    assertThat(admin.rbac().roles().inNamespace("dso-join").withName("dso-every-value-join-configmaps").get())
        .as("ConfigMap access only in the join namespace")
        .isNotNull();
    assertThat(admin.genericKubernetesResources("monitoring.coreos.com/v1", "ServiceMonitor")
            .inNamespace("ds-every").withName("dso-every-value").get())
        .isNotNull();
    Chart.uninstall(cp, "ds-every", "ds-every");
    assertNothingLeft("ds-every", "ds-every");
    assertNothingLeft("ds-every", "dso-join");
  }

  @Test
  void thePlainManifestsApplyWithKubectl() {
    ControlPlane.Result r =
        cp.kubectl().run("apply", "--validate=strict", "-f", "crds/", "-f", "deploy/manifests/");
    assertThat(r.exitCode()).as(r.both()).isZero();
    assertThat(r.out()).contains("deployment.apps/dualstack-operator created");
    ControlPlane.Result del = cp.kubectl().run("delete", "-f", "deploy/manifests/", "--wait=false");
    assertThat(del.exitCode()).as(del.both()).isZero();
  }

  /** No object of the release is left in the namespace or cluster-wide (CRDs aside). */
  private static void assertNothingLeft(String release, String namespace) {
    await("nothing of release " + release + " left in " + namespace)
        .atMost(ControlPlane.WAIT)
        .untilAsserted(
            () -> {
              List<HasMetadata> left = new ArrayList<>();
              Stream.of(
                      admin.apps().deployments().inNamespace(namespace).withLabel(INSTANCE, release).list().getItems(),
                      admin.serviceAccounts().inNamespace(namespace).withLabel(INSTANCE, release).list().getItems(),
                      admin.services().inNamespace(namespace).withLabel(INSTANCE, release).list().getItems(),
                      admin.configMaps().inNamespace(namespace).withLabel(INSTANCE, release).list().getItems(),
                      admin.rbac().roles().inNamespace(namespace).withLabel(INSTANCE, release).list().getItems(),
                      admin.rbac().roleBindings().inNamespace(namespace).withLabel(INSTANCE, release).list().getItems(),
                      admin.policy().v1().podDisruptionBudget().inNamespace(namespace).withLabel(INSTANCE, release).list().getItems(),
                      admin.rbac().clusterRoles().withLabel(INSTANCE, release).list().getItems(),
                      admin.rbac().clusterRoleBindings().withLabel(INSTANCE, release).list().getItems())
                  .forEach(left::addAll);
              assertThat(left)
                  .extracting(o -> o.getKind() + "/" + o.getMetadata().getName())
                  .isEmpty();
              assertThat(admin.secrets().inNamespace(namespace).withLabel("owner", "helm").list().getItems())
                  .as("Helm's release secrets")
                  .isEmpty();
            });
  }

  private static final String SERVICE_MONITOR_CRD =
      """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata: {name: servicemonitors.monitoring.coreos.com}
      spec:
        group: monitoring.coreos.com
        names: {kind: ServiceMonitor, plural: servicemonitors, singular: servicemonitor}
        scope: Namespaced
        versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
      """;
}
