package org.opencollections;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;

/**
 * The borders between the parts, checked on the compiled classes so a change that crosses one fails here:
 * no import cycle between the top-level packages, nothing but the engine adapters knows the engine package
 * (everything else goes through ports; the simulated clock, a top-level tool of embedded mode, moves the
 * embedded engine's clock), the bottom layer knows no feature, the domain knows nothing of HTTP (its
 * exceptions and input rules live below the features; {@code web/} maps them to ProblemDetail), and no
 * controller tells the engine about a commit (that is the outbox's job).
 */
class ArchitectureTest {

  static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.opencollections");

  @Test
  void thePackagesFormNoCycle() {
    slices().matching("org.opencollections.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void onlyTheEngineAdaptersKnowTheEnginePackage() {
    noClasses()
        .that().resideOutsideOfPackages("org.opencollections.engine..", "org.opencollections.simulation..")
        .and().doNotHaveFullyQualifiedName("org.opencollections.CollectionsApplication")
        .should().dependOnClassesThat().resideInAPackage("org.opencollections.engine..")
        .check(CLASSES);
  }

  @Test
  void theBottomLayerKnowsNoFeature() {
    noClasses()
        .that().resideInAnyPackage("org.opencollections.process..", "org.opencollections.timeline..",
            "org.opencollections.platform..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "org.opencollections.intake..", "org.opencollections.ledger..", "org.opencollections.compliance..",
            "org.opencollections.negotiation..", "org.opencollections.legal..", "org.opencollections.contact..",
            "org.opencollections.casefile..", "org.opencollections.decision..", "org.opencollections.tasks..",
            "org.opencollections.portfolio..", "org.opencollections.engine..")
        .check(CLASSES);
  }

  @Test
  void theDomainKnowsNothingOfTheWebAdapters() {
    noClasses()
        .that().resideOutsideOfPackage("org.opencollections.web..")
        .should().dependOnClassesThat().resideInAPackage("org.opencollections.web..")
        .check(CLASSES);
  }

  @Test
  void noControllerTellsTheEngineAboutACommit() {
    noClasses()
        .that().areAnnotatedWith(RestController.class)
        .should().dependOnClassesThat().haveFullyQualifiedName("org.opencollections.casefile.CaseWorkflow")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("org.opencollections.casefile.CaseStarter")
        .orShould().dependOnClassesThat().resideInAPackage("io.camunda..")
        .check(CLASSES);
  }
}
