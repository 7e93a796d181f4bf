package dev.dualstack.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** {@code minimum}/{@code maximum}, inclusive and exclusive, with the API server's wording. */
class CrdSchemaBoundsTest {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static final String SCHEMA =
      """
      type: object
      properties:
        spec:
          type: object
          properties:
            mask: {type: integer, minimum: 8, maximum: 30}
            strict: {type: integer, minimum: 8, exclusiveMinimum: true, maximum: 30, exclusiveMaximum: true}
      """;

  static java.util.List<String> messages(String spec) throws IOException {
    JsonNode schema = YAML.readTree(SCHEMA);
    JsonNode doc = YAML.readTree("apiVersion: dualstack.dev/v1\nkind: Cluster\nspec: " + spec);
    return CrdSchema.of("Cluster", schema).validate(doc, false).errors().stream()
        .map(Finding::message)
        .toList();
  }

  @Test
  void inclusiveBoundsAcceptTheirEdgesAndRefuseBeyond() throws IOException {
    assertThat(messages("{mask: 8}")).isEmpty();
    assertThat(messages("{mask: 30}")).isEmpty();
    assertThat(messages("{mask: 31}"))
        .containsExactly("spec.mask in body should be less than or equal to 30");
    assertThat(messages("{mask: 7}"))
        .containsExactly("spec.mask in body should be greater than or equal to 8");
  }

  @Test
  void exclusiveBoundsRefuseTheirEdges() throws IOException {
    assertThat(messages("{strict: 9}")).isEmpty();
    assertThat(messages("{strict: 30}"))
        .containsExactly("spec.strict in body should be less than 30");
    assertThat(messages("{strict: 8}"))
        .containsExactly("spec.strict in body should be greater than 8");
  }
}
