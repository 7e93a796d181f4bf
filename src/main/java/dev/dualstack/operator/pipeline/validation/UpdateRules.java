package dev.dualstack.operator.pipeline.validation;

import static dev.dualstack.operator.pipeline.field.Strings.blank;

import dev.dualstack.operator.api.ClusterNetwork;
import dev.dualstack.operator.api.ClusterSpec;
import dev.dualstack.operator.api.ClusterStatus;
import dev.dualstack.operator.api.ClusterStatus.NetworkStatus;
import dev.dualstack.operator.api.Conditions;
import dev.dualstack.operator.api.IpFamilies;
import dev.dualstack.operator.pipeline.field.ErrorType;
import dev.dualstack.operator.pipeline.field.Errors;
import dev.dualstack.operator.pipeline.field.FieldError;
import dev.dualstack.operator.pipeline.field.FieldPath;
import dev.dualstack.operator.pipeline.field.Rule;
import dev.dualstack.operator.pipeline.model.ValidationContext;
import dev.dualstack.operator.pipeline.net.Cidr;
import dev.dualstack.operator.pipeline.net.IpFamily;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Stage 4: compares the effective spec with the last accepted state in status
 * (docs/validation-rules.md). Only fields the previous status holds are compared; a field whose
 * subtree already failed validation is not compared again.
 */
public final class UpdateRules {
  private static final FieldPath SPEC = FieldPath.of("spec");
  private static final FieldPath NETWORK = NetworkRules.NETWORK;

  /** What the cluster's operator must still do after an IPv4 to IPv4+IPv6 migration. */
  static final List<String> MIGRATION_STEPS =
      List.of(
          "roll every node (replace the machines) so that kubelet and the CNI get IPv6 addresses"
              + " and pod ranges",
          "restart CoreDNS (kubectl -n kube-system rollout restart deployment coredns)",
          "recreate Services that should get an IPv6 ClusterIP, or set their ipFamilyPolicy to"
              + " PreferDualStack");

  private UpdateRules() {}

  /** The refused changes, and the accepted migration (null when none). */
  public record Result(List<FieldError> errors, Migration migration) {
    public Result {
      errors = List.copyOf(errors);
    }
  }

  /**
   * Compares the effective spec with the last accepted state.
   *
   * @param earlier the errors of the earlier stages: a field whose subtree failed is not compared
   */
  public static Result validate(ValidationContext ctx, List<FieldError> earlier) {
    ClusterStatus prev = ctx.input().previous();
    if (prev == null) {
      return new Result(List.of(), null);
    }
    Errors errors = new Errors();
    ClusterSpec e = ctx.effective();
    String dc = e.cloud() == null ? null : e.cloud().dc();
    if (!blank(prev.datacenter()) && !blank(dc) && !prev.datacenter().equals(dc)) {
      immutable(errors, Rule.UPD_009, SPEC.child("cloud").child("dc"), dc, prev.datacenter(), "");
    }
    String prevProvider = prev.provider() == null ? null : prev.provider().name();
    if (!blank(prevProvider) && ctx.provider() != null && !prevProvider.equals(ctx.provider())) {
      immutable(errors, Rule.UPD_010, SPEC.child("cloud"), ctx.provider(), prevProvider, "");
    }
    Migration migration = network(ctx, prev, earlier, errors);
    CniUpdateRules.validate(ctx, prev.cni(), earlier, errors);
    return new Result(errors.toList(), migration);
  }

  private static Migration network(
      ValidationContext ctx, ClusterStatus prev, List<FieldError> earlier, Errors errors) {
    NetworkStatus pn = prev.network();
    ClusterNetwork n = ctx.effective().clusterNetwork();
    Migration migration = null;
    List<String> pods = NetworkRules.blocks(n.pods());
    List<String> services = NetworkRules.blocks(n.services());
    boolean rangesFailed =
        failed(earlier, NetworkRules.PODS)
            || failed(earlier, NetworkRules.SERVICES)
            || failed(earlier, NETWORK.child("ipFamily"));
    if (pn != null && !rangesFailed) {
      boolean wasV4 =
          IpFamilies.IPV4.equals(prev.ipFamily())
              || (prev.ipFamily() == null && pn.pods() != null && pn.pods().size() == 1);
      if (wasV4 && ctx.dualStack()) {
        Optional<String> addedPods =
            appended(pn.pods(), pods, NetworkRules.PODS, Rule.UPD_002, errors);
        Optional<String> addedServices =
            appended(pn.services(), services, NetworkRules.SERVICES, Rule.UPD_003, errors);
        if (addedPods.isPresent() && addedServices.isPresent()) {
          migration =
              new Migration(
                  List.of(addedPods.get()), List.of(addedServices.get()), MIGRATION_STEPS);
        }
      } else {
        if (prev.ipFamily() != null && !prev.ipFamily().equals(n.ipFamily())) {
          immutable(
              errors,
              Rule.UPD_001,
              NETWORK.child("ipFamily"),
              n.ipFamily(),
              prev.ipFamily(),
              "; only IPv4 to IPv4+IPv6 is supported, by appending an IPv6 block to pods and"
                  + " services");
        }
        if (pn.pods() != null && !sameBlocks(pn.pods(), pods)) {
          immutable(errors, Rule.UPD_002, NetworkRules.PODS, pods, pn.pods(), "");
        }
        if (pn.services() != null && !sameBlocks(pn.services(), services)) {
          immutable(errors, Rule.UPD_003, NetworkRules.SERVICES, services, pn.services(), "");
        }
      }
    }
    if (pn == null) {
      return migration;
    }
    if (changed(pn.proxyMode(), n.proxyMode())
        && !ctx.input().hasLabel(Conditions.LABEL_UNSAFE_CNI_MIGRATION)
        && !failed(earlier, NETWORK.child("proxyMode"))) {
      immutable(
          errors,
          Rule.UPD_004,
          NETWORK.child("proxyMode"),
          n.proxyMode(),
          pn.proxyMode(),
          " unless the cluster has the label " + Conditions.LABEL_UNSAFE_CNI_MIGRATION);
    }
    if (changed(pn.dnsDomain(), n.dnsDomain()) && !failed(earlier, NETWORK.child("dnsDomain"))) {
      immutable(
          errors, Rule.UPD_005, NETWORK.child("dnsDomain"), n.dnsDomain(), pn.dnsDomain(), "");
    }
    if (changed(pn.nodeLocalDNSCacheEnabled(), n.nodeLocalDNSCacheEnabled())) {
      immutable(
          errors,
          Rule.UPD_006,
          NETWORK.child("nodeLocalDNSCacheEnabled"),
          n.nodeLocalDNSCacheEnabled(),
          pn.nodeLocalDNSCacheEnabled(),
          "");
    }
    ClusterSpec e = ctx.effective();
    String range =
        e.componentsOverride() == null || e.componentsOverride().apiserver() == null
            ? null
            : e.componentsOverride().apiserver().nodePortRange();
    FieldPath rangePath =
        SPEC.child("componentsOverride").child("apiserver").child("nodePortRange");
    if (changed(pn.nodePortRange(), range) && !failed(earlier, rangePath)) {
      immutable(errors, Rule.UPD_007, rangePath, range, pn.nodePortRange(), "");
    }
    if (changed(pn.exposeStrategy(), e.exposeStrategy())
        && !ctx.input().hasLabel(Conditions.LABEL_UNSAFE_EXPOSE_STRATEGY_MIGRATION)
        && !failed(earlier, SPEC.child("exposeStrategy"))) {
      immutable(
          errors,
          Rule.UPD_008,
          SPEC.child("exposeStrategy"),
          e.exposeStrategy(),
          pn.exposeStrategy(),
          " unless the cluster has the label " + Conditions.LABEL_UNSAFE_EXPOSE_STRATEGY_MIGRATION);
    }
    return migration;
  }

  /**
   * For an IPv4 to IPv4+IPv6 migration: the previous single IPv4 block stays first and one IPv6
   * block follows. Returns the appended block, or reports why the change is not such a migration.
   */
  private static Optional<String> appended(
      List<String> before, List<String> after, FieldPath path, Rule rule, Errors errors) {
    if (before == null) {
      return Optional.empty();
    }
    boolean ok =
        before.size() == 1
            && after.size() == 2
            && sameBlock(before.get(0), after.get(0))
            && Cidr.parse(after.get(1)).map(c -> c.family() == IpFamily.IPV6).orElse(false);
    if (!ok) {
      errors.add(
          rule,
          ErrorType.INVALID,
          path,
          after,
          "an IPv4 to IPv4+IPv6 migration keeps the accepted block "
              + before
              + " and appends exactly one IPv6 block");
      return Optional.empty();
    }
    return Optional.of(after.get(1));
  }

  static void immutable(
      Errors errors, Rule rule, FieldPath path, Object value, Object was, String unless) {
    errors.add(
        rule,
        ErrorType.INVALID,
        path,
        value,
        "field is immutable (accepted: " + was + ")" + unless);
  }

  /** True when validation already reported an error at {@code path} or below it. */
  static boolean failed(List<FieldError> earlier, FieldPath path) {
    String p = path.toString();
    return earlier.stream()
        .map(FieldError::field)
        .anyMatch(f -> f.equals(p) || f.startsWith(p + ".") || f.startsWith(p + "["));
  }

  private static boolean changed(Object before, Object after) {
    return before != null && !before.equals(after);
  }

  private static boolean sameBlocks(List<String> a, List<String> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!sameBlock(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameBlock(String a, String b) {
    if (Objects.equals(a, b)) {
      return true;
    }
    Optional<Cidr> ca = Cidr.parse(a);
    Optional<Cidr> cb = Cidr.parse(b);
    return ca.isPresent()
        && cb.isPresent()
        && ca.get().family() == cb.get().family()
        && ca.get().canonical().equals(cb.get().canonical());
  }
}
