package org.backcare.progress;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The progress-service's architecture as rules (CQRS): ingest (Kafka consumers, parsing, the dead letters) feeds
 * projection (facts and rollups; projection.rebuild), query reads what projection wrote, report renders what query
 * answers, access says who may read whose progress, rest is the HTTP edge over all of them; config and jdbc serve
 * everyone. No package cycle, no HTTP below the edge, no ORM.
 */
class ArchitectureTest {

    private static final JavaClasses SERVICE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.backcare.progress");

    /** The packages of {@code root}: none may depend on another that depends back on it. */
    static ArchRule freeOfCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    @Test
    void thePackagesDependOnlyAsTheLayersAllow() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("rest")
                .definedBy("org.backcare.progress.rest..")
                .layer("report")
                .definedBy("org.backcare.progress.report..")
                .layer("query")
                .definedBy("org.backcare.progress.query..")
                .layer("access")
                .definedBy("org.backcare.progress.access..")
                .layer("ingest")
                .definedBy("org.backcare.progress.ingest..")
                .layer("projection")
                .definedBy("org.backcare.progress.projection..")
                .layer("config")
                .definedBy("org.backcare.progress.config..")
                .layer("jdbc")
                .definedBy("org.backcare.progress.jdbc..")
                .whereLayer("rest")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("report")
                .mayOnlyBeAccessedByLayers("rest")
                .whereLayer("query")
                .mayOnlyBeAccessedByLayers("rest", "report")
                .whereLayer("access")
                .mayOnlyBeAccessedByLayers("rest", "report")
                .whereLayer("ingest")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("projection")
                .mayOnlyBeAccessedByLayers("ingest", "rest")
                .check(SERVICE);
    }

    @Test
    void theWriteSideNeverDependsOnTheRebuild() {
        noClasses()
                .that()
                .resideInAPackage("org.backcare.progress.projection")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.backcare.progress.projection.rebuild..")
                .check(SERVICE);
    }

    @Test
    void thePackagesAreFreeOfCycles() {
        freeOfCycles("org.backcare.progress").check(SERVICE);
    }

    @Test
    void theCycleRuleFailsOnACycle() {
        JavaClasses cyclic = new ClassFileImporter().importPackages("org.backcare.archfixture");

        assertThat(freeOfCycles("org.backcare.archfixture").evaluate(cyclic).hasViolation())
                .as("two packages that import each other")
                .isTrue();
    }

    @Test
    void onlyTheRestEdgeSpeaksHttp() {
        noClasses()
                .that()
                .resideOutsideOfPackages("org.backcare.progress.rest..", "org.backcare.progress.config..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("jakarta.ws.rs..", "org.backcare.problem..")
                .because("services throw domain exceptions; the REST edge maps them to problem+json")
                .check(SERVICE);
    }

    @Test
    void noOrmIsLeft() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.hibernate.orm..", "io.quarkus.hibernate.orm..", "jakarta.persistence..")
                .because("the module reads and writes with plain JDBC (jdbc.Jdbc)")
                .check(SERVICE);
    }
}
