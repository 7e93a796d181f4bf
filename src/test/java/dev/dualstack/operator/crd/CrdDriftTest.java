package dev.dualstack.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The CRDs checked into crds/ are exactly the ones the build generates from the api classes. */
class CrdDriftTest {

  @Test
  void checkedInCrdsEqualTheGeneratedOnesByteForByte() throws IOException {
    List<Path> generated;
    try (Stream<Path> files = Files.list(Crds.GENERATED)) {
      generated =
          files.filter(p -> p.getFileName().toString().endsWith("-v1.yml")).sorted().toList();
    }
    assertThat(generated)
        .extracting(p -> p.getFileName().toString())
        .containsExactlyInAnyOrderElementsOf(Crds.FILES.values());

    for (Path g : generated) {
      Path checkedIn = Crds.CHECKED_IN.resolve(g.getFileName());
      String fix =
          "crds/"
              + g.getFileName()
              + " differs from the CRD generated from the api classes; run `mvn -B -q package"
              + " -DskipTests && cp target/classes/META-INF/fabric8/*-v1.yml crds/` and commit";
      assertThat(checkedIn).as(fix).exists();
      assertThat(Files.readAllBytes(checkedIn)).as(fix).isEqualTo(Files.readAllBytes(g));
    }
  }

  @Test
  void noStrayCrdFilesInCrdsFolder() throws IOException {
    try (Stream<Path> files = Files.list(Crds.CHECKED_IN)) {
      assertThat(
              files
                  .map(p -> p.getFileName().toString())
                  .filter(n -> n.endsWith(".yml") || n.endsWith(".yaml")))
          .as("crds/ holds only the generated CRDs")
          .containsExactlyInAnyOrderElementsOf(Crds.FILES.values());
    }
  }
}
