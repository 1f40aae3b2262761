package org.dripline.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Package-by-feature boundaries: features depend on each other in one direction only, nobody
 * reaches into another feature's {@code internal} package, and the batch setup stays Boot's.
 */
class FeatureBoundaryTests {

  static final JavaClasses PRODUCTION = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.dripline");

  @Test
  void featuresHaveNoDependencyCycles() {
    slices().matching("org.dripline.(*)..").should().beFreeOfCycles().check(PRODUCTION);
  }

  @Test
  void noFeatureReachesIntoAnotherFeaturesInternals() {
    slices().matching("org.dripline.(*)..").should().notDependOnEachOther()
        .ignoreDependency(com.tngtech.archunit.base.DescribedPredicate.alwaysTrue(),
            com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage("..internal.."))
        .allowEmptyShould(true)
        .check(PRODUCTION);
  }

  @Test
  void theModelFeaturesDoNotKnowAboutSendingOrOperations() {
    noClasses().that().resideInAnyPackage("org.dripline.campaign..", "org.dripline.segment..",
            "org.dripline.subscriber..", "org.dripline.render..")
        .should().dependOnClassesThat().resideInAnyPackage("org.dripline.delivery..", "org.dripline.enrollment..",
            "org.dripline.ops..", "org.dripline.devinbox..")
        .check(PRODUCTION);
  }

  @Test
  void trackingKnowsNothingOfSendingEnrollmentOrOperations() {
    // delivery calls tracking (signed links, click rewriting); the other way round would be a cycle
    noClasses().that().resideInAPackage("org.dripline.tracking..")
        .should().dependOnClassesThat().resideInAnyPackage("org.dripline.delivery..", "org.dripline.enrollment..",
            "org.dripline.ops..", "org.dripline.devinbox..")
        .check(PRODUCTION);
  }

  @Test
  void onlyOperationsDriveTheJobs() {
    noClasses().that().resideOutsideOfPackages("org.dripline.ops..", "org.dripline")
        .should().dependOnClassesThat().resideInAPackage("org.dripline.ops..")
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
