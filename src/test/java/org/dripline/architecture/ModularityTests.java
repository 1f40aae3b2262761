package org.dripline.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.dripline.DriplineApplication;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The feature modules (each top-level package under {@code org.dripline}) depend on each other
 * without cycles and only through each other's base package (sub-packages are internal unless
 * declared a named interface), and the module diagrams committed in {@code docs/modules} are the
 * ones this code produces.
 */
class ModularityTests {

  static final ApplicationModules MODULES = ApplicationModules.of(DriplineApplication.class);
  static final Path GENERATED = Path.of("target", "spring-modulith-docs");
  static final Path COMMITTED = Path.of("docs", "modules");

  @Test
  void featuresUseEachOtherOnlyThroughTheirPublicApiAndWithoutCycles() {
    MODULES.verify();
  }

  @Test
  void committedModuleDiagramsMatchTheCode() throws IOException {
    // given the diagrams generated from the code as it is
    new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(GENERATED.toString()))
        .writeModulesAsPlantUml()
        .writeIndividualModulesAsPlantUml();

    // then docs/modules holds the same files with the same text
    try (Stream<Path> files = Files.list(GENERATED)) {
      for (Path generated : files.filter(f -> f.toString().endsWith(".puml")).toList()) {
        Path committed = COMMITTED.resolve(generated.getFileName());
        assertThat(committed)
            .as("%s is stale: cp %s/*.puml %s/", committed, GENERATED, COMMITTED)
            .exists();
        // compared as sorted lines: the order of modules in a diagram is not part of its meaning
        assertThat(Files.readAllLines(committed)).as("%s is stale: cp %s/*.puml %s/", committed, GENERATED, COMMITTED)
            .containsExactlyInAnyOrderElementsOf(Files.readAllLines(generated));
      }
    }
  }
}
