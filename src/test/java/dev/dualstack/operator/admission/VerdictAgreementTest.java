package dev.dualstack.operator.admission;

import static dev.dualstack.operator.admission.AdmissionHandlerTest.CLOCK;
import static dev.dualstack.operator.admission.AdmissionHandlerTest.JSON;
import static dev.dualstack.operator.admission.AdmissionHandlerTest.PIPELINE;
import static dev.dualstack.operator.admission.AdmissionHandlerTest.SERIALIZATION;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.api.ClusterStatus;
import dev.dualstack.operator.api.ClusterStatus.StatusError;
import dev.dualstack.operator.api.Conditions;
import dev.dualstack.operator.api.Datacenter;
import dev.dualstack.operator.cli.CheckRunner;
import dev.dualstack.operator.cli.ManifestReader.Located;
import dev.dualstack.operator.cli.ManifestReader.Source;
import dev.dualstack.operator.pipeline.SpecGenerator;
import dev.dualstack.operator.pipeline.field.ErrorType;
import dev.dualstack.operator.pipeline.field.FieldError;
import dev.dualstack.operator.pipeline.field.Rule;
import dev.dualstack.operator.pipeline.model.ClusterInput;
import dev.dualstack.operator.pipeline.status.ClusterStatusFactory;
import dev.dualstack.operator.pipeline.status.DatacenterStatusFactory;
import dev.dualstack.operator.reconciler.ClusterReconciler;
import dev.dualstack.operator.reconciler.ConfigMapWriter;
import dev.dualstack.operator.reconciler.JoinConfigMaps;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code check}, the webhook and the reconciler give the same verdict on the same input: every
 * example and the seeded fuzz corpus go through all three. With the Datacenter present: the webhook
 * admits exactly what check calls valid and the reconciler makes Ready, and the three report errors
 * at the same fields. Without it: check and the reconciler say Pending, and the webhook admits
 * exactly when nothing but the missing Datacenter is wrong.
 */
class VerdictAgreementTest {
  private static final Source SOURCE = new Source(Path.of("fuzz.yaml"), 1);

  private final CheckRunner check = new CheckRunner(PIPELINE, CLOCK);
  private final ClusterReconciler reconciler =
      new ClusterReconciler(
          PIPELINE,
          new ClusterStatusFactory(CLOCK),
          (cluster, event) -> {},
          new JoinConfigMaps(
              "ns",
              new ConfigMapWriter() {
                @Override
                public void write(
                    Cluster owner, ConfigMap desired, ConfigMap current, Context<Cluster> ctx) {}

                @Override
                public void delete(Cluster owner, ConfigMap current, Context<Cluster> ctx) {}
              }));

  /** One input as the three paths see it. */
  private record Verdicts(
      boolean datacenterFound,
      boolean checkValid,
      List<String> checkFields,
      boolean admitted,
      List<String> webhookFields,
      String phase,
      List<String> statusFields,
      boolean datacenterNameInvalid) {}

  private Verdicts judge(Cluster cluster, Datacenter dc) {
    Map<String, Located<Datacenter>> dcs =
        dc == null ? Map.of() : Map.of(dc.getMetadata().getName(), new Located<>(dc, SOURCE));
    CheckRunner.ClusterCheck c = check.check(copy(cluster), SOURCE, dcs);

    AdmissionHandler webhook =
        new AdmissionHandler(
            PIPELINE,
            new DatacenterStatusFactory(PIPELINE.matrix(), CLOCK),
            name -> Optional.ofNullable(dc).filter(d -> d.getMetadata().getName().equals(name)),
            SERIALIZATION);
    ObjectNode object = JSON.valueToTree(cluster);
    object.remove("status");
    ObjectNode old = null;
    if (cluster.getStatus() != null) {
      old = JSON.createObjectNode();
      old.set("metadata", JSON.valueToTree(cluster.getMetadata()));
      // a different spec, so that the update is judged (an unchanged spec is ratcheted)
      old.putObject("spec").put("version", "0.0.0-old");
      old.set("status", JSON.valueToTree(cluster.getStatus()));
    }
    AdmissionResponse w =
        webhook
            .cluster(
                AdmissionHandlerTest.review(
                    old == null ? "CREATE" : "UPDATE", object, old, false, null))
            .getResponse();

    Cluster reconciled = copy(cluster);
    ClusterStatus status =
        reconciler
            .reconcile(reconciled, context(dc))
            .getResource()
            .map(Cluster::getStatus)
            .orElse(cluster.getStatus());

    return new Verdicts(
        c.result().datacenterFound(),
        c.valid(),
        c.result().errors().stream()
            .filter(e -> e.type() != ErrorType.NOT_FOUND)
            .map(FieldError::field)
            .sorted()
            .toList(),
        w.getAllowed(),
        w.getStatus() == null
            ? List.of()
            : w.getStatus().getDetails().getCauses().stream()
                .map(StatusCause::getField)
                .sorted()
                .toList(),
        status.phase(),
        status.errors() == null
            ? List.of()
            : status.errors().stream()
                .filter(e -> !ErrorType.NOT_FOUND.id().equals(e.type()))
                .map(StatusError::field)
                .sorted()
                .toList(),
        c.result().errors().stream().anyMatch(e -> e.rule() == Rule.NAM_002));
  }

  private static void assertAgree(String what, Verdicts v) {
    assertThat(v.webhookFields())
        .as("%s: webhook vs check fields", what)
        .isEqualTo(v.checkFields());
    assertThat(v.statusFields()).as("%s: status vs check fields", what).isEqualTo(v.checkFields());
    if (v.datacenterFound()) {
      assertThat(v.admitted()).as("%s: webhook vs check", what).isEqualTo(v.checkValid());
      assertThat(Conditions.PHASE_READY.equals(v.phase()))
          .as("%s: reconciler vs check", what)
          .isEqualTo(v.checkValid());
    } else {
      // a spec.cloud.dc no Datacenter can be named (NAM-002) is Invalid, not Pending
      assertThat(v.phase())
          .as(what)
          .isEqualTo(
              v.datacenterNameInvalid() ? Conditions.PHASE_INVALID : Conditions.PHASE_PENDING);
      assertThat(v.checkValid()).as(what).isFalse();
      assertThat(v.admitted()).as(what).isEqualTo(v.checkFields().isEmpty());
    }
  }

  @Test
  void onEveryExample() throws Exception {
    List<AdmissionHandlerTest.Example> all =
        java.util.stream.Stream.concat(
                AdmissionHandlerTest.examples(), AdmissionHandlerTest.invalidExamples())
            .toList();
    int admitted = 0;
    for (AdmissionHandlerTest.Example e : all) {
      Cluster c = SERIALIZATION.convertValue(e.cluster(), Cluster.class);
      Verdicts found = judge(c, e.datacenter());
      assertThat(found.datacenterFound()).isTrue();
      assertAgree(e.toString(), found);
      Verdicts missing = judge(c, null);
      assertThat(missing.datacenterFound()).isFalse();
      assertAgree(e + " without its Datacenter", missing);
      admitted += found.admitted() ? 1 : 0;
    }
    assertThat(admitted).isEqualTo(all.size() - 5);
  }

  @Test
  void onTheSeededFuzzCorpus() {
    int admitted = 0;
    int denied = 0;
    for (long seed = 11; seed <= 12; seed++) {
      SpecGenerator gen = new SpecGenerator(seed);
      for (int i = 0; i < 400; i++) {
        SpecGenerator.Case k = gen.next();
        ClusterInput in = k.input();
        Cluster c = new Cluster();
        c.setMetadata(
            new ObjectMetaBuilder()
                .withName("c" + i)
                .withLabels(in.labels())
                .withGeneration(in.generation())
                .build());
        c.setSpec(in.spec());
        c.setStatus(in.previous());
        Datacenter dc = null;
        if (k.datacenter() != null) {
          dc = new Datacenter();
          dc.setMetadata(new ObjectMetaBuilder().withName(k.datacenter().name()).build());
          dc.setSpec(k.datacenter().spec());
        }
        Verdicts v = judge(c, dc);
        assertAgree("seed " + seed + " case " + i + ": " + in.spec(), v);
        if (v.admitted()) {
          admitted++;
        } else {
          denied++;
        }
      }
    }
    assertThat(admitted).as("the corpus has admitted specs").isGreaterThan(50);
    assertThat(denied).as("the corpus has denied specs").isGreaterThan(50);
  }

  private static Cluster copy(Cluster c) {
    return SERIALIZATION.clone(c);
  }

  @SuppressWarnings("unchecked")
  private static Context<Cluster> context(Datacenter dc) {
    return (Context<Cluster>)
        Proxy.newProxyInstance(
            VerdictAgreementTest.class.getClassLoader(),
            new Class<?>[] {Context.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getSecondaryResource") && args.length == 1) {
                return args[0] == Datacenter.class ? Optional.ofNullable(dc) : Optional.empty();
              }
              throw new UnsupportedOperationException("Context." + method.getName());
            });
  }
}
