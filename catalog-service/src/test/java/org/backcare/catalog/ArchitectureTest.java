package org.backcare.catalog;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.backcare.problem.ProblemException;

/**
 * The catalog-service's layers, as docs/architecture.md draws them: {@code rest -> service -> repository}, the
 * service publishing through {@code event}, {@code domain} (the enumerations and value types) and {@code config}
 * below everything. Nothing points back up, no packages form a cycle, and only the REST edge speaks HTTP.
 */
@AnalyzeClasses(packages = "org.backcare.catalog", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String ROOT = "org.backcare.catalog";

    @ArchTest
    static final ArchRule theLayersAreOnlyUsedFromAbove = layeredArchitecture()
            .consideringOnlyDependenciesInAnyPackage(ROOT + "..")
            .layer("rest")
            .definedBy(ROOT + ".rest..")
            .layer("service")
            .definedBy(ROOT + ".service..")
            .layer("event")
            .definedBy(ROOT + ".event..")
            .layer("repository")
            .definedBy(ROOT + ".repository..")
            .layer("domain")
            .definedBy(ROOT + ".domain..")
            .layer("config")
            .definedBy(ROOT + ".config..")
            .whereLayer("rest")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("service")
            .mayOnlyBeAccessedByLayers("rest")
            .whereLayer("event")
            .mayOnlyBeAccessedByLayers("service")
            .whereLayer("repository")
            .mayOnlyBeAccessedByLayers("rest", "service", "event")
            .whereLayer("domain")
            .mayOnlyBeAccessedByLayers("rest", "service", "event", "repository")
            .whereLayer("config")
            .mayNotBeAccessedByAnyLayer();

    @ArchTest
    static final ArchRule thePackagesFormNoCycle =
            slices().matching(ROOT + ".(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule onlyTheRestEdgeSpeaksHttp = noClasses()
            .that()
            .resideOutsideOfPackage(ROOT + ".rest..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("jakarta.ws.rs..")
            .orShould()
            .dependOnClassesThat()
            .areAssignableTo(ProblemException.class)
            .because("services throw domain exceptions (org.backcare.domain); the REST edge maps them to"
                    + " problem+json");
}
