package dev.dualstack.operator.pipeline.capability;

import dev.dualstack.operator.api.ProviderBlock;
import dev.dualstack.operator.api.SchemaEnums;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix.CniCapability;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix.DualStackMode;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix.Limitation;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix.OsNote;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix.OsSupport;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix.ProviderCapability;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders {@code docs/capability-matrix.md} from a capability matrix, so the document cannot drift
 * from {@code capabilities.yaml} (a test compares the two).
 */
public final class CapabilityMatrixDoc {
  private static final Map<String, String> OS_TITLES =
      Map.of("ubuntu", "Ubuntu", "flatcar", "Flatcar", "rhel", "RHEL", "rockylinux", "Rocky Linux");

  private CapabilityMatrixDoc() {}

  public static String render(CapabilityMatrix m) {
    StringBuilder sb = new StringBuilder();
    sb.append("# Capability matrix\n\n")
        .append(
            "<!-- Generated from src/main/resources/capabilities.yaml by CapabilityMatrixDoc;"
                + " CapabilityMatrixDocTest fails when they differ. Regenerate with\n"
                + "     mvn -B -q test -Dtest=CapabilityMatrixDocTest"
                + " -Dcapabilities.regenerate=true -->\n\n")
        .append(
            "Which providers, operating systems and CNI versions support dual-stack (IPv4+IPv6)"
                + " user clusters, after the KKP dual-stack documentation. The operator checks"
                + " every dual-stack cluster against this data (`CapabilityChecker`): blocking"
                + " findings are `CAP-` errors (phase `Unsupported`, see"
                + " [validation-rules.md](validation-rules.md#capabilities-cap)), everything"
                + " else becomes a warning in `status.warnings` with a stable code.\n\n")
        .append(
            "A deployment can replace the built-in file with its own (`run --capabilities FILE`"
                + " or env `DUALSTACK_CAPABILITIES`). The file is checked at start-up: known keys"
                + " and enum values only, every provider present, each CNI's `defaultVersion` in"
                + " its `versions`; a bad file stops the start with the file, the line and the"
                + " problem.\n\n");

    sb.append("## Dual-stack by provider and operating system\n\n");
    sb.append("| provider | name | dual-stack |");
    OS_TITLES.keySet().stream()
        .sorted(CapabilityMatrixDoc::osOrder)
        .forEach(os -> sb.append(' ').append(OS_TITLES.get(os)).append(" |"));
    sb.append("\n|---|---|---|---|---|---|---|\n");
    for (String p : ProviderBlock.NAMES) {
      ProviderCapability c = m.provider(p);
      if (c == null) {
        continue;
      }
      sb.append("| ")
          .append(p)
          .append(" | ")
          .append(c.displayName())
          .append(" | ")
          .append(mode(c.dualStack()))
          .append(" |");
      for (String os : osNames()) {
        sb.append(' ').append(cell(c, os)).append(" |");
      }
      sb.append('\n');
    }
    sb.append(
        "\n✓ supported · `–` not available or not tested (warning `OperatingSystemUntested`) ·"
            + " ✓ \\* minor issue (warning `OperatingSystemMinorIssue` with its text) · any: every"
            + " OS works · ✗ refused (`CAP-003`) · blank: unknown provider, no OS table. An OS"
            + " missing from a provider's row counts as not tested.\n\n");

    sb.append("### Notes\n\n");
    boolean anyNote = false;
    for (String p : ProviderBlock.NAMES) {
      ProviderCapability c = m.provider(p);
      if (c == null || c.operatingSystems() == null) {
        continue;
      }
      for (String os : osNames()) {
        OsSupport s = c.operatingSystems().get(os);
        if (s != null && s.note() != null) {
          sb.append("- ")
              .append(c.displayName())
              .append(", ")
              .append(OS_TITLES.get(os))
              .append(": ")
              .append(s.note())
              .append('\n');
          anyNote = true;
        }
      }
    }
    if (!anyNote) {
      sb.append("None.\n");
    }

    sb.append("\n### Every provider\n\n");
    for (String os : osNames()) {
      OsNote n = m.operatingSystemNotes().get(os);
      if (n != null) {
        sb.append("- ")
            .append(OS_TITLES.get(os))
            .append(" (`")
            .append(n.code())
            .append("`): ")
            .append(n.message())
            .append('\n');
      }
    }

    sb.append("\n## Limitations (warnings on dual-stack clusters)\n\n");
    sb.append("| provider | code | message |\n|---|---|---|\n");
    for (String p : ProviderBlock.NAMES) {
      ProviderCapability c = m.provider(p);
      if (c == null || c.limitations() == null) {
        continue;
      }
      for (Limitation l : c.limitations()) {
        String only =
            l.exposeStrategies() == null || l.exposeStrategies().isEmpty()
                ? ""
                : " (only with exposeStrategy "
                    + l.exposeStrategies().stream()
                        .map(SchemaEnums::value)
                        .collect(Collectors.joining(", "))
                    + ")";
        if (l.whenSet() != null && !l.whenSet().isEmpty()) {
          only +=
              " (only when spec.cloud." + p + "." + String.join(" or ", l.whenSet()) + " is set)";
        }
        sb.append("| ")
            .append(p)
            .append(" | `")
            .append(l.code())
            .append("` | ")
            .append(l.message())
            .append(only)
            .append(" |\n");
      }
    }
    sb.append(
        "\nOther warning codes: `DualStackUnknownProvider` (provider of unknown dual-stack"
            + " support), `OperatingSystemUntested`, `OperatingSystemMinorIssue`,"
            + " `CniNotManagedDualStack` (CNI `none` on a dual-stack cluster).\n");

    sb.append("\n## Provider defaults\n\n");
    sb.append("| provider | default pods | default services | proxy mode | CNI |\n");
    sb.append("|---|---|---|---|---|\n");
    for (String p : ProviderBlock.NAMES) {
      ProviderCapability c = m.provider(p);
      if (c == null
          || (c.defaultNetworks() == null
              && c.defaultProxyMode() == null
              && c.defaultCni() == null)) {
        continue;
      }
      sb.append("| ")
          .append(p)
          .append(" | ")
          .append(c.defaultNetworks() == null ? "" : join(c.defaultNetworks().pods()))
          .append(" | ")
          .append(c.defaultNetworks() == null ? "" : join(c.defaultNetworks().services()))
          .append(" | ")
          .append(c.defaultProxyMode() == null ? "" : SchemaEnums.value(c.defaultProxyMode()))
          .append(" | ")
          .append(c.defaultCni() == null ? "" : c.defaultCni())
          .append(" |\n");
    }
    sb.append("\nCNI of clusters that name none: `").append(m.defaultCni()).append("`.\n");

    sb.append("\n## CNI versions\n\n");
    sb.append("| type | default | versions | deprecated (accepted) | minimum for dual-stack |\n");
    sb.append("|---|---|---|---|---|\n");
    for (String t : CapabilitySchema.CNI_TYPES) {
      CniCapability c = m.cni().get(t);
      if (c == null) {
        continue;
      }
      sb.append("| ")
          .append(t)
          .append(" | ")
          .append(code(c.defaultVersion()))
          .append(" | ")
          .append(join(c.versions()))
          .append(" | ")
          .append(join(c.deprecatedVersions()))
          .append(" | ")
          .append(c.minDualStackVersion() == null ? "" : code(c.minDualStackVersion()))
          .append(" |\n");
    }
    sb.append(
        "\nVersions are compared as exact strings, as KKP does: a near miss such as `v3.22.0` or"
            + " `v1.19.4` is refused (`CNI-002`) with a hint naming the listed spelling.\n");

    sb.append("\n## Kubernetes versions\n\n")
        .append("Supported minor versions of user clusters: ")
        .append(join(m.kubernetes().minors()))
        .append(
            ". `spec.version` is `MAJOR.MINOR.PATCH` (a leading `v` allowed) of one of them;"
                + " anything else is refused (`VER-001`, `VER-002`). A cluster without a version"
                + " is checked as for the newest minor listed (warning `VersionUnset`).\n");
    return sb.toString();
  }

  private static List<String> osNames() {
    return OS_TITLES.keySet().stream().sorted(CapabilityMatrixDoc::osOrder).toList();
  }

  private static int osOrder(String a, String b) {
    return Integer.compare(
        CapabilitySchema.OPERATING_SYSTEMS.indexOf(a),
        CapabilitySchema.OPERATING_SYSTEMS.indexOf(b));
  }

  private static String mode(DualStackMode mode) {
    return switch (mode) {
      case ALWAYS -> "always";
      case DATACENTER_FLAG -> "datacenter `ipv6Enabled`";
      case UNKNOWN -> "unknown: allowed with a warning";
      case UNSUPPORTED -> "refused (`CAP-002`)";
    };
  }

  private static String cell(ProviderCapability c, String os) {
    if (c.dualStack() == DualStackMode.UNKNOWN) {
      return "";
    }
    OsSupport s = c.operatingSystems() == null ? null : c.operatingSystems().get(os);
    if (s == null) {
      return "–";
    }
    return switch (s.support()) {
      case SUPPORTED -> "✓";
      case UNTESTED -> "–";
      case MINOR_ISSUE -> "✓ \\*";
      case ANY -> "any";
      case UNSUPPORTED -> "✗";
    };
  }

  private static String join(List<String> list) {
    if (list == null || list.isEmpty()) {
      return "";
    }
    return String.join(", ", list.stream().map(CapabilityMatrixDoc::code).toList());
  }

  private static String code(String s) {
    return s.isEmpty() ? "`\"\"`" : "`" + s + "`";
  }
}
