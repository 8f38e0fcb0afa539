package io.ticketflow.producer;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The producer's feature packages depend on each other one way only: a cycle would mean neither can be read, changed or
 * tested without the other.
 */
class PackageCyclesTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.ticketflow.producer");

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("io.ticketflow.producer.(*)..").should().beFreeOfCycles().check(MAIN);
    }
}
