package io.headroom;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The layers, kept by the build. Every package under {@code io.headroom} (sub-packages are slices of
 * their own) is free of dependency cycles, and the YAML records under {@code design} depend on nothing
 * of the runtime: a design is read, checked and printed without an engine, and a runtime class finds
 * its configuration by importing {@code design}, never the reverse.
 */
class ArchitectureTest {
    /** What a {@code design} class may use: its own records, the YAML binding, distributions, load profiles, the JDK and libraries. */
    private static final String[] DESIGN_MAY_USE = {"design..", "yaml..", "dist..", "load.."};

    static ArchRule noCycles(String root) {
        return slices().matching(root + ".(**)").should().beFreeOfCycles();
    }

    static ArchRule designIsALeaf(String root) {
        String[] allowed = new String[DESIGN_MAY_USE.length + 5];
        for (int i = 0; i < DESIGN_MAY_USE.length; i++) {
            allowed[i] = root + "." + DESIGN_MAY_USE[i];
        }
        System.arraycopy(new String[] {"java..", "javax..", "com.fasterxml.jackson..", "org.apache.commons.math3..", ""},
                0, allowed, DESIGN_MAY_USE.length, 5);
        return classes().that().resideInAPackage(root + ".design..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(allowed)
                .because("design holds the YAML records; runtime packages import design, never the reverse");
    }

    private static JavaClasses production(String root) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(root);
    }

    @Test
    void noPackageCycles() {
        noCycles("io.headroom").check(production("io.headroom"));
    }

    @Test
    void designDependsOnNoRuntimePackage() {
        designIsALeaf("io.headroom").check(production("io.headroom"));
    }

    /** The rules are not vacuous: a fixture whose design record imports a runtime class, which imports it back, fails both. */
    @Test
    void aBackEdgeFailsBothRules() {
        JavaClasses fixture = new ClassFileImporter().importPackages("io.headroom.archfixture");
        assertTrue(fixture.size() >= 2, "the fixture's classes are on the class path");
        AssertionError cycle = assertThrows(AssertionError.class, () -> noCycles("io.headroom.archfixture").check(fixture));
        assertTrue(cycle.getMessage().contains("Cycle detected"), cycle.getMessage());
        AssertionError leaf = assertThrows(AssertionError.class, () -> designIsALeaf("io.headroom.archfixture").check(fixture));
        assertTrue(leaf.getMessage().contains("io.headroom.archfixture.run.Station"), leaf.getMessage());
    }
}
