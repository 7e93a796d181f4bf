package dev.dualstack.operator.pipeline.capability;

import static dev.dualstack.operator.pipeline.field.Strings.blank;

import dev.dualstack.operator.api.CloudSpec;
import dev.dualstack.operator.api.ProviderBlock;
import dev.dualstack.operator.api.SchemaEnums;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix.CniCapability;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix.DefaultNetworks;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix.KubernetesVersions;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix.Limitation;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix.OsNote;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix.OsSupport;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix.ProviderCapability;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix.Support;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrixException.Problem;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrixLoader.CapabilityFile;
import dev.dualstack.operator.pipeline.net.Cidr;
import dev.dualstack.operator.pipeline.net.IpFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The checks of a capability file beyond what Jackson enforces (unknown keys; enum values such as
 * {@code dualStack}, {@code support}, {@code defaultProxyMode}, {@code exposeStrategies}): required
 * keys, the map keys (known operating systems, CNI types, every provider of {@link
 * ProviderBlock#NAMES}), CNI default versions in their lists, codes and CIDRs. Problems carry the
 * line of the offending key.
 *
 * <p>Why not Jackson for the rest: a map keyed by an enum fails at the map, not at the bad key's
 * line, and stops at the first bad key; {@code @JsonProperty(required = true)} means present, not
 * non-null ({@code key: ~} passes), and also stops at the first. These checks report every problem
 * of the file at once, each at its line.
 */
final class CapabilitySchema {
  static final List<String> OPERATING_SYSTEMS =
      SchemaEnums.values(SchemaEnums.OperatingSystem.class);
  static final List<String> CNI_TYPES = SchemaEnums.values(SchemaEnums.CniType.class);
  private static final Pattern MINOR =
      Pattern.compile("^(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})$");
  private static final Pattern CODE = Pattern.compile("^[A-Z][A-Za-z0-9]{1,63}$");

  private final Map<String, Integer> lines;
  private final List<Problem> problems = new ArrayList<>();

  CapabilitySchema(Map<String, Integer> lines) {
    this.lines = lines;
  }

  List<Problem> check(CapabilityFile f) {
    checkCni(f.cni());
    checkKubernetes(f.kubernetes());
    if (blank(f.defaultCni())) {
      missing("", "defaultCni");
    } else if (f.cni() != null && !f.cni().containsKey(f.defaultCni())) {
      add("defaultCni", "defaultCni \"" + f.defaultCni() + "\" is not a key of cni");
    }
    if (f.operatingSystemNotes() != null) {
      f.operatingSystemNotes().forEach(this::checkOsNote);
    }
    if (f.providers() == null) {
      missing("", "providers");
    } else {
      for (String p : ProviderBlock.NAMES) {
        if (!f.providers().containsKey(p)) {
          add("providers", "provider \"" + p + "\" is missing; every provider needs a row");
        }
      }
      f.providers()
          .forEach(
              (name, cap) -> {
                if (!ProviderBlock.NAMES.contains(name)) {
                  add(
                      "providers." + name,
                      "unknown provider \"" + name + "\"; known: " + ProviderBlock.NAMES);
                } else if (cap == null) {
                  add("providers." + name, "provider \"" + name + "\" has no settings");
                } else {
                  checkProvider("providers." + name, name, cap, f);
                }
              });
    }
    return List.copyOf(problems);
  }

  private void checkProvider(String at, String name, ProviderCapability p, CapabilityFile f) {
    if (blank(p.displayName())) {
      missing(at, "displayName");
    }
    if (p.dualStack() == null) {
      missing(at, "dualStack");
    }
    if (p.operatingSystems() == null) {
      missing(at, "operatingSystems");
    } else {
      p.operatingSystems().forEach((os, s) -> checkOs(at + ".operatingSystems." + os, os, s));
    }
    if (p.limitations() == null) {
      missing(at, "limitations");
    } else {
      for (int i = 0; i < p.limitations().size(); i++) {
        checkLimitation(at + ".limitations[" + i + "]", name, p.limitations().get(i));
      }
    }
    if (p.defaultCni() != null && (f.cni() == null || !f.cni().containsKey(p.defaultCni()))) {
      add(at + ".defaultCni", "defaultCni \"" + p.defaultCni() + "\" is not a key of cni");
    }
    if (p.defaultNetworks() != null) {
      checkNetworks(at + ".defaultNetworks", p.defaultNetworks());
    }
  }

  private void checkOs(String at, String os, OsSupport s) {
    if (!OPERATING_SYSTEMS.contains(os)) {
      add(at, "unknown operating system \"" + os + "\"; known: " + OPERATING_SYSTEMS);
    }
    if (s == null || s.support() == null) {
      missing(at, "support");
    } else if (s.support() == Support.MINOR_ISSUE && blank(s.note())) {
      add(at, "support minorIssue needs a note describing the issue");
    }
  }

  private void checkOsNote(String os, OsNote n) {
    String at = "operatingSystemNotes." + os;
    if (!OPERATING_SYSTEMS.contains(os)) {
      add(at, "unknown operating system \"" + os + "\"; known: " + OPERATING_SYSTEMS);
    }
    if (n == null) {
      missing(at, "code");
      return;
    }
    checkCode(at, n.code());
    if (blank(n.message())) {
      missing(at, "message");
    }
  }

  private void checkLimitation(String at, String provider, Limitation l) {
    if (l == null) {
      add(at, "empty limitation; code and message are required");
      return;
    }
    if (l.whenSet() != null) {
      List<String> fields = ProviderBlock.settings(CloudSpec.PROVIDERS.get(provider));
      for (String f : l.whenSet()) {
        if (!fields.contains(f)) {
          add(
              at + ".whenSet",
              "\"" + f + "\" is not a field of spec.cloud." + provider + "; allowed: " + fields);
        }
      }
    }
    checkCode(at, l.code());
    if (blank(l.message())) {
      missing(at, "message");
    }
  }

  private void checkCode(String at, String code) {
    if (blank(code)) {
      missing(at, "code");
    } else if (!CODE.matcher(code).matches()) {
      add(at + ".code", "code \"" + code + "\" must be CamelCase (e.g. LoadBalancerUnsupported)");
    }
  }

  private void checkNetworks(String at, DefaultNetworks n) {
    checkIpv4List(at + ".pods", n.pods());
    checkIpv4List(at + ".services", n.services());
  }

  private void checkIpv4List(String at, List<String> cidrs) {
    if (cidrs == null || cidrs.isEmpty()) {
      add(at, "needs one IPv4 CIDR");
      return;
    }
    for (int i = 0; i < cidrs.size(); i++) {
      String c = cidrs.get(i);
      IpFamily want = i == 0 ? IpFamily.IPV4 : IpFamily.IPV6;
      boolean ok =
          i < 2 && Cidr.parse(c).filter(x -> x.family() == want && x.isCanonical()).isPresent();
      if (!ok) {
        add(
            at + "[" + i + "]",
            "\""
                + c
                + "\" must be a canonical "
                + want.display()
                + " CIDR (IPv4 first, then IPv6)");
      }
    }
  }

  private void checkCni(Map<String, CniCapability> cni) {
    if (cni == null) {
      missing("", "cni");
      return;
    }
    for (String t : CNI_TYPES) {
      if (!cni.containsKey(t)) {
        add("cni", "CNI type \"" + t + "\" is missing");
      }
    }
    cni.forEach(
        (type, c) -> {
          String at = "cni." + type;
          if (!CNI_TYPES.contains(type)) {
            add(at, "unknown CNI type \"" + type + "\"; known: " + CNI_TYPES);
          }
          if (c == null) {
            missing(at, "defaultVersion");
            return;
          }
          if (c.versions() == null || c.versions().isEmpty()) {
            missing(at, "versions");
          }
          if (c.defaultVersion() == null) {
            missing(at, "defaultVersion");
          } else if (c.versions() != null && !c.versions().contains(c.defaultVersion())) {
            add(
                at + ".defaultVersion",
                "defaultVersion \"" + c.defaultVersion() + "\" is not in versions " + c.versions());
          }
          if (c.minDualStackVersion() != null
              && org.semver4j.Semver.coerce(c.minDualStackVersion()) == null) {
            add(
                at + ".minDualStackVersion",
                "\"" + c.minDualStackVersion() + "\" is not a version");
          }
        });
  }

  private void checkKubernetes(KubernetesVersions k) {
    if (k == null || k.minors().isEmpty()) {
      add("kubernetes", "kubernetes.minors needs at least one minor version such as \"1.31\"");
      return;
    }
    for (int i = 0; i < k.minors().size(); i++) {
      String m = k.minors().get(i);
      if (m == null || !MINOR.matcher(m).matches()) {
        add(
            "kubernetes.minors[" + i + "]",
            "\"" + m + "\" is not a Kubernetes minor version such as \"1.31\" (quote it)");
      }
    }
  }

  private void missing(String at, String key) {
    String where = at.isEmpty() ? "" : " in " + at;
    add(at, "required key \"" + key + "\" is missing" + where);
  }

  private void add(String path, String message) {
    problems.add(new Problem(line(path), message));
  }

  /** Line of {@code path} or, when it is not in the file, of its nearest ancestor. */
  private int line(String path) {
    String p = path;
    while (!p.isEmpty()) {
      Integer l = lines.get(p);
      if (l != null) {
        return l;
      }
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      p = cut < 0 ? "" : p.substring(0, cut);
    }
    return 1;
  }
}
