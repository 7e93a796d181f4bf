package dev.dualstack.operator.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** What a user did, read from the API server's audit log (level Metadata, stage ResponseComplete). */
record Audit(List<JsonNode> events) {

  static Audit of(ControlPlane cp, String username) {
    return new Audit(
        cp.auditEvents().stream()
            // a watch that is still open has only its ResponseStarted event
            .filter(
                e ->
                    "ResponseComplete".equals(e.path("stage").asText())
                        || "watch".equals(e.path("verb").asText()))
            .filter(e -> username.equals(e.path("user").path("username").asText()))
            .toList());
  }

  static String serviceAccount(String namespace, String name) {
    return "system:serviceaccount:" + namespace + ":" + name;
  }

  /** Requests answered with this HTTP code, as readable lines. */
  List<String> withCode(int code) {
    return events.stream()
        .filter(e -> e.path("responseStatus").path("code").asInt() == code)
        .map(Audit::describe)
        .toList();
  }

  /**
   * The (group, resource, verb) triples used, as RBAC spells them: {@code
   * dualstack.dev/clusters/status patch}, {@code /configmaps create} (core group empty). Requests
   * refused with 401/403 and those that are not resource requests (discovery, /version) and self reviews are left out.
   */
  Set<String> resourceVerbs() {
    Set<String> used = new TreeSet<>();
    for (JsonNode e : events) {
      int code = e.path("responseStatus").path("code").asInt(200);
      if (code == 401 || code == 403) {
        continue; // refused: not something the operator can use
      }
      JsonNode ref = e.path("objectRef");
      if (ref.isMissingNode() || ref.path("resource").asText().isEmpty()) {
        continue;
      }
      String group = ref.path("apiGroup").asText("");
      String resource = ref.path("resource").asText();
      if (group.equals("authorization.k8s.io")) {
        continue; // self{subject,rules}reviews: allowed to every authenticated user
      }
      String sub = ref.path("subresource").asText("");
      used.add(group + "/" + resource + (sub.isEmpty() ? "" : "/" + sub) + " " + e.path("verb").asText());
    }
    return used;
  }

  private static String describe(JsonNode e) {
    return e.path("verb").asText()
        + " "
        + e.path("requestURI").asText()
        + " -> "
        + e.path("responseStatus").path("code").asInt()
        + " "
        + e.path("responseStatus").path("reason").asText();
  }
}
