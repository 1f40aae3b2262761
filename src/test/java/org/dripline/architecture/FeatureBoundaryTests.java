package org.dripline.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Layering on top of the module rules of {@link ModularityTests}: the model features know nothing
 * of sending or operations, only the operation doors (cli, web, demo) drive runs, nothing depends
 * on the dev inbox, and the batch setup stays Boot's.
 */
class FeatureBoundaryTests {

  static final JavaClasses PRODUCTION = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.dripline");

  @Test
  void theModelFeaturesDoNotKnowAboutSendingOrOperations() {
    noClasses().that().resideInAnyPackage("org.dripline.campaign..", "org.dripline.segment..",
            "org.dripline.subscriber..", "org.dripline.render..")
        .should().dependOnClassesThat().resideInAnyPackage("org.dripline.delivery..", "org.dripline.enrollment..",
            "org.dripline.run..", "org.dripline.cli..", "org.dripline.web..", "org.dripline.demo..",
            "org.dripline.devinbox..")
        .check(PRODUCTION);
  }

  @Test
  void trackingKnowsNothingOfSendingOrOperations() {
    // delivery calls tracking (signed links, click rewriting); the other way round would be a cycle
    noClasses().that().resideInAPackage("org.dripline.tracking..")
        .should().dependOnClassesThat().resideInAnyPackage("org.dripline.delivery..", "org.dripline.run..",
            "org.dripline.cli..", "org.dripline.web..", "org.dripline.demo..", "org.dripline.devinbox..")
        .check(PRODUCTION);
  }

  @Test
  void onlyOperationsDriveTheJobs() {
    noClasses().that().resideOutsideOfPackages("org.dripline.run..", "org.dripline.cli..", "org.dripline.web..",
            "org.dripline.demo..", "org.dripline")
        .should().dependOnClassesThat().resideInAPackage("org.dripline.run..")
        .check(PRODUCTION);
  }

  @Test
  void nothingDependsOnTheDevInbox() {
    noClasses().that().resideOutsideOfPackage("org.dripline.devinbox..")
        .should().dependOnClassesThat().resideInAPackage("org.dripline.devinbox..")
        .check(PRODUCTION);
  }

  @Test
  void batchConfigurationIsLeftToSpringBoot() {
    noClasses().should().beAnnotatedWith("org.springframework.batch.core.configuration.annotation.EnableBatchProcessing")
        .check(PRODUCTION);
  }
}
