package dev.dualstack.operator.cli;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import dev.dualstack.operator.pipeline.net.Cidr;
import dev.dualstack.operator.pipeline.net.IpAddr;
import dev.dualstack.operator.pipeline.net.IpFamily;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Evaluates the CRDs' {@code x-kubernetes-validations} rules offline with dev.cel, as the API
 * server does: {@code self} is the value at the rule's schema location, the standard macros and the
 * strings extension are on, and the Kubernetes IP/CIDR library functions the CRDs use are provided
 * here (dev.cel does not have them): {@code isCIDR}, {@code cidr}, {@code isIP}, {@code ip}, {@code
 * <CIDR>.ip()}, {@code <CIDR>.prefixLength()}, {@code <CIDR>.masked()}, {@code
 * <CIDR>.containsIP()}, {@code <CIDR>.containsCIDR()}, {@code <IP>.family()}, with {@code
 * netip.ParsePrefix} semantics: no leading zeros, no zones, no IPv4-mapped IPv6; host bits may be
 * set. Programs are compiled once per rule text and shared (they are thread-safe).
 */
final class CelRules {
  private static final OpaqueType CIDR_TYPE = OpaqueType.create("net.CIDR");
  private static final OpaqueType IP_TYPE = OpaqueType.create("net.IP");
  private static final Pattern LEADING_ZERO = Pattern.compile("(^|[.:/])0[0-9]");

  /** A parsed CIDR as a CEL value. */
  record CidrValue(Cidr cidr) {}

  /** A parsed IP address as a CEL value. */
  record IpValue(IpAddr ip) {}

  private static final Cel CEL = build();
  private final Map<String, Compiled> programs = new ConcurrentHashMap<>();

  /** A compiled rule, or why it could not be compiled. */
  record Compiled(CelRuntime.Program program, String error) {}

  /** The program for a rule; compiled on first use. */
  Compiled compile(String expression) {
    return programs.computeIfAbsent(
        expression,
        e -> {
          try {
            CelAbstractSyntaxTree ast = CEL.compile(e).getAst();
            return new Compiled(CEL.createProgram(ast), null);
          } catch (CelValidationException | CelEvaluationException | RuntimeException ex) {
            return new Compiled(null, oneLine(ex.getMessage()));
          }
        });
  }

  /** Evaluates a compiled rule with {@code self}; a boolean for rules, a string for messages. */
  static Object eval(CelRuntime.Program program, Object self) throws CelEvaluationException {
    return program.eval(Map.of("self", self));
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.strip().replaceAll("\\s*\\n\\s*", " ");
  }

  /** {@code isCIDR}: a prefix that Go's netip.ParsePrefix accepts. */
  static Optional<Cidr> parseCidr(String s) {
    if (s == null || LEADING_ZERO.matcher(s).find() || s.contains("%")) {
      return Optional.empty();
    }
    return Cidr.parse(s).filter(c -> !c.isIpv4Mapped());
  }

  /** {@code isIP}: an address that Go's netip.ParseAddr accepts (no zones, no IPv4-mapped). */
  static Optional<IpAddr> parseIp(String s) {
    if (s == null || s.contains("/") || s.contains("%") || LEADING_ZERO.matcher(s).find()) {
      return Optional.empty();
    }
    return IpAddr.parse(s).filter(a -> !a.isIpv4Mapped());
  }

  /**
   * The family of {@code cidr(...).ip()} for a CIDR {@link #parseCidr} accepted, as the binding
   * computes it; null when {@code ip()} would fail.
   */
  static IpFamily addressFamily(Cidr c) {
    return parseIp(address(c)).map(IpAddr::family).orElse(null);
  }

  /** The address part of a CIDR that {@link #parseCidr} accepted (it has exactly one slash). */
  private static String address(Cidr c) {
    return c.text().substring(0, c.text().indexOf('/'));
  }

  private static CidrValue cidr(String s) {
    return new CidrValue(
        parseCidr(s).orElseThrow(() -> new IllegalArgumentException("invalid CIDR: " + s)));
  }

  private static IpValue ip(String s) {
    return new IpValue(
        parseIp(s).orElseThrow(() -> new IllegalArgumentException("invalid IP address: " + s)));
  }

  private static Cel build() {
    return CelFactory.standardCelBuilder()
        .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
        .addCompilerLibraries(CelExtensions.strings())
        .addRuntimeLibraries(CelExtensions.strings())
        .addVar("self", SimpleType.DYN)
        .addFunctionDeclarations(
            global("isCIDR", "isCIDR_string", SimpleType.BOOL, SimpleType.STRING),
            global("cidr", "cidr_string", CIDR_TYPE, SimpleType.STRING),
            global("isIP", "isIP_string", SimpleType.BOOL, SimpleType.STRING),
            CelFunctionDecl.newFunctionDeclaration(
                "ip",
                CelOverloadDecl.newGlobalOverload("ip_string", IP_TYPE, SimpleType.STRING),
                CelOverloadDecl.newMemberOverload("cidr_ip", IP_TYPE, CIDR_TYPE)),
            member("prefixLength", "cidr_prefixLength", SimpleType.INT, CIDR_TYPE),
            member("masked", "cidr_masked", CIDR_TYPE, CIDR_TYPE),
            CelFunctionDecl.newFunctionDeclaration(
                "containsIP",
                CelOverloadDecl.newMemberOverload(
                    "cidr_containsIP_ip", SimpleType.BOOL, CIDR_TYPE, IP_TYPE),
                CelOverloadDecl.newMemberOverload(
                    "cidr_containsIP_string", SimpleType.BOOL, CIDR_TYPE, SimpleType.STRING)),
            CelFunctionDecl.newFunctionDeclaration(
                "containsCIDR",
                CelOverloadDecl.newMemberOverload(
                    "cidr_containsCIDR_cidr", SimpleType.BOOL, CIDR_TYPE, CIDR_TYPE),
                CelOverloadDecl.newMemberOverload(
                    "cidr_containsCIDR_string", SimpleType.BOOL, CIDR_TYPE, SimpleType.STRING)),
            member("family", "ip_family", SimpleType.INT, IP_TYPE))
        .addFunctionBindings(
            CelFunctionBinding.from("isCIDR_string", String.class, s -> parseCidr(s).isPresent()),
            CelFunctionBinding.from("cidr_string", String.class, CelRules::cidr),
            CelFunctionBinding.from("isIP_string", String.class, s -> parseIp(s).isPresent()),
            CelFunctionBinding.from("ip_string", String.class, CelRules::ip),
            CelFunctionBinding.from("cidr_ip", CidrValue.class, c -> ip(address(c.cidr()))),
            CelFunctionBinding.from(
                "cidr_prefixLength", CidrValue.class, c -> (long) c.cidr().prefixLength()),
            CelFunctionBinding.from(
                "cidr_masked", CidrValue.class, c -> cidr(c.cidr().canonical())),
            CelFunctionBinding.from(
                "cidr_containsIP_ip",
                CidrValue.class,
                IpValue.class,
                (c, i) -> c.cidr().contains(i.ip())),
            CelFunctionBinding.from(
                "cidr_containsIP_string",
                CidrValue.class,
                String.class,
                (c, s) -> c.cidr().contains(ip(s).ip())),
            CelFunctionBinding.from(
                "cidr_containsCIDR_cidr",
                CidrValue.class,
                CidrValue.class,
                (c, o) -> c.cidr().contains(o.cidr())),
            CelFunctionBinding.from(
                "cidr_containsCIDR_string",
                CidrValue.class,
                String.class,
                (c, s) -> c.cidr().contains(cidr(s).cidr())),
            CelFunctionBinding.from(
                "ip_family", IpValue.class, i -> i.ip().family() == IpFamily.IPV4 ? 4L : 6L))
        .build();
  }

  private static CelFunctionDecl global(
      String name,
      String overload,
      dev.cel.common.types.CelType result,
      dev.cel.common.types.CelType arg) {
    return CelFunctionDecl.newFunctionDeclaration(
        name, CelOverloadDecl.newGlobalOverload(overload, result, arg));
  }

  private static CelFunctionDecl member(
      String name,
      String overload,
      dev.cel.common.types.CelType result,
      dev.cel.common.types.CelType target) {
    return CelFunctionDecl.newFunctionDeclaration(
        name, CelOverloadDecl.newMemberOverload(overload, result, target));
  }
}
