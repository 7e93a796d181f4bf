package dev.dualstack.operator.crd;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.extensions.CelStringExtensions;
import dev.cel.extensions.CelStringExtensions.Function;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import java.util.Map;
import java.util.Optional;

/**
 * A CEL environment like the one kube-apiserver offers CRD validation rules (as far as our rules
 * use it): the standard macros, the strings extension, and Kubernetes' IP/CIDR library ({@code
 * isCIDR}, {@code cidr}, {@code ip()}, {@code family()}), which dev.cel does not have, with the
 * parsing semantics of Go's {@code netip.ParsePrefix} that the Kubernetes library uses.
 */
final class KubeCel {
  static final CelType CIDR = OpaqueType.create("net.CIDR");
  static final CelType IP = OpaqueType.create("net.IP");

  /** A parsed prefix: 4 or 16 address bytes and the prefix length. */
  record Prefix(byte[] addr, int bits) {}

  /** A parsed address. */
  record Ip(byte[] addr) {}

  /** Kubernetes offers cel-go's strings extension version 2 (no reverse, no quote). */
  private static final CelStringExtensions STRINGS =
      CelExtensions.strings(
          Function.CHAR_AT,
          Function.INDEX_OF,
          Function.JOIN,
          Function.LAST_INDEX_OF,
          Function.LOWER_ASCII,
          Function.REPLACE,
          Function.SPLIT,
          Function.SUBSTRING,
          Function.TRIM,
          Function.UPPER_ASCII);

  static final Cel CEL =
      CelFactory.standardCelBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addCompilerLibraries(STRINGS)
          .addRuntimeLibraries(STRINGS)
          .addVar("self", SimpleType.DYN)
          .addFunctionDeclarations(
              CelFunctionDecl.newFunctionDeclaration(
                  "isCIDR",
                  CelOverloadDecl.newGlobalOverload("is_cidr", SimpleType.BOOL, SimpleType.STRING)),
              CelFunctionDecl.newFunctionDeclaration(
                  "cidr",
                  CelOverloadDecl.newGlobalOverload("string_to_cidr", CIDR, SimpleType.STRING)),
              CelFunctionDecl.newFunctionDeclaration(
                  "ip", CelOverloadDecl.newMemberOverload("cidr_ip", IP, CIDR)),
              CelFunctionDecl.newFunctionDeclaration(
                  "family", CelOverloadDecl.newMemberOverload("ip_family", SimpleType.INT, IP)))
          .addFunctionBindings(
              CelFunctionBinding.from("is_cidr", String.class, s -> parsePrefix(s).isPresent()),
              CelFunctionBinding.from(
                  "string_to_cidr",
                  String.class,
                  s ->
                      parsePrefix(s)
                          .orElseThrow(() -> new IllegalArgumentException("not a CIDR: " + s))),
              CelFunctionBinding.from("cidr_ip", Prefix.class, p -> new Ip(p.addr())),
              CelFunctionBinding.from("ip_family", Ip.class, ip -> ip.addr().length == 4 ? 4L : 6L))
          .build();

  private KubeCel() {}

  /** Compiles and type-checks an expression; throws with the compiler's message when it fails. */
  static CelRuntime.Program compile(String expression) {
    try {
      CelAbstractSyntaxTree ast = CEL.compile(expression).getAst();
      return CEL.createProgram(ast);
    } catch (CelValidationException | CelEvaluationException e) {
      throw new IllegalArgumentException("does not compile: " + expression + ": " + e, e);
    }
  }

  static Object eval(CelRuntime.Program program, Object self) throws CelEvaluationException {
    return program.eval(Map.of("self", self));
  }

  // ---- Go netip.ParsePrefix, plus the Kubernetes library's refusal of IPv4-mapped IPv6

  static Optional<Prefix> parsePrefix(String s) {
    int slash = s.lastIndexOf('/');
    if (slash < 0) {
      return Optional.empty();
    }
    Optional<byte[]> addr = parseAddr(s.substring(0, slash));
    String bits = s.substring(slash + 1);
    if (addr.isEmpty() || bits.isEmpty() || bits.length() > 3) {
      return Optional.empty();
    }
    if (bits.length() > 1 && (bits.charAt(0) < '1' || bits.charAt(0) > '9')) {
      return Optional.empty();
    }
    for (char c : bits.toCharArray()) {
      if (c < '0' || c > '9') {
        return Optional.empty();
      }
    }
    int n = Integer.parseInt(bits);
    byte[] a = addr.get();
    if (n > a.length * 8 || is4In6(a)) {
      return Optional.empty();
    }
    return Optional.of(new Prefix(a, n));
  }

  static Optional<byte[]> parseAddr(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '.') {
        return parseIpv4(s);
      }
      if (c == ':') {
        return parseIpv6(s);
      }
      if (c == '%') {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  static Optional<byte[]> parseIpv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return Optional.empty();
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
        return Optional.empty();
      }
      int v = 0;
      for (char c : p.toCharArray()) {
        if (c < '0' || c > '9') {
          return Optional.empty();
        }
        v = v * 10 + (c - '0');
      }
      if (v > 255) {
        return Optional.empty();
      }
      out[i] = (byte) v;
    }
    return Optional.of(out);
  }

  /** Go's parseIPv6 without zones (a prefix may not carry one). */
  static Optional<byte[]> parseIpv6(String in) {
    byte[] ip = new byte[16];
    int ellipsis = -1;
    String s = in;
    if (s.length() >= 2 && s.charAt(0) == ':' && s.charAt(1) == ':') {
      ellipsis = 0;
      s = s.substring(2);
      if (s.isEmpty()) {
        return Optional.of(ip);
      }
    }
    int i = 0;
    while (i < 16) {
      int off = 0;
      int acc = 0;
      for (; off < s.length(); off++) {
        int d = hex(s.charAt(off));
        if (d < 0) {
          break;
        }
        acc = (acc << 4) + d;
        if (off > 3 || acc > 0xffff) {
          return Optional.empty();
        }
      }
      if (off == 0) {
        return Optional.empty();
      }
      if (off < s.length() && s.charAt(off) == '.') {
        if ((ellipsis < 0 && i != 12) || i + 4 > 16) {
          return Optional.empty();
        }
        Optional<byte[]> v4 = parseIpv4(s);
        if (v4.isEmpty()) {
          return Optional.empty();
        }
        System.arraycopy(v4.get(), 0, ip, i, 4);
        i += 4;
        s = "";
        break;
      }
      ip[i] = (byte) (acc >> 8);
      ip[i + 1] = (byte) acc;
      i += 2;
      s = s.substring(off);
      if (s.isEmpty()) {
        break;
      }
      if (s.charAt(0) != ':' || s.length() == 1) {
        return Optional.empty();
      }
      s = s.substring(1);
      if (s.charAt(0) == ':') {
        if (ellipsis >= 0) {
          return Optional.empty();
        }
        ellipsis = i;
        s = s.substring(1);
        if (s.isEmpty()) {
          break;
        }
      }
    }
    if (!s.isEmpty()) {
      return Optional.empty();
    }
    if (i < 16) {
      if (ellipsis < 0) {
        return Optional.empty();
      }
      int n = 16 - i;
      for (int j = i - 1; j >= ellipsis; j--) {
        ip[j + n] = ip[j];
      }
      for (int j = ellipsis + n - 1; j >= ellipsis; j--) {
        ip[j] = 0;
      }
    } else if (ellipsis >= 0) {
      return Optional.empty();
    }
    return Optional.of(ip);
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  private static boolean is4In6(byte[] a) {
    if (a.length != 16) {
      return false;
    }
    for (int i = 0; i < 10; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
  }
}
