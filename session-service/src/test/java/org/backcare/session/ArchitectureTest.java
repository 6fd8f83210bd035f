package org.backcare.session;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.backcare.problem.ProblemException;

/**
 * The session-service's layers, as docs/architecture.md draws them: {@code rest -> service -> repository}, the
 * service publishing through {@code event} and validating sets against {@code catalog} (the local replica of the
 * catalog with its REST fallback), {@code domain} and {@code config} below everything. Nothing points back up, no
 * packages form a cycle, and only the REST edge (and the catalog's REST client) speaks HTTP.
 */
@AnalyzeClasses(packages = "org.backcare.session", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String ROOT = "org.backcare.session";

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
            .layer("catalog")
            .definedBy(ROOT + ".catalog..")
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
            .mayOnlyBeAccessedByLayers("rest", "service")
            .whereLayer("catalog")
            .mayOnlyBeAccessedByLayers("service", "repository")
            .whereLayer("domain")
            .mayOnlyBeAccessedByLayers("rest", "service", "event", "repository", "catalog")
            .whereLayer("config")
            .mayOnlyBeAccessedByLayers("rest", "service", "repository");

    @ArchTest
    static final ArchRule thePackagesFormNoCycle =
            slices().matching(ROOT + ".(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule onlyTheRestEdgeSpeaksHttp = noClasses()
            .that()
            .resideOutsideOfPackages(ROOT + ".rest..", ROOT + ".catalog..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("jakarta.ws.rs..")
            .orShould()
            .dependOnClassesThat()
            .areAssignableTo(ProblemException.class)
            .because("services throw domain exceptions (org.backcare.domain); the REST edge maps them to"
                    + " problem+json");

    @ArchTest
    static final ArchRule theCatalogAdapterAnswersInDomainTerms = noClasses()
            .that()
            .resideInAPackage(ROOT + ".catalog..")
            .should()
            .dependOnClassesThat()
            .areAssignableTo(ProblemException.class)
            .because("a catalog outage is an UnavailableException; the REST edge answers it with 503");
}
