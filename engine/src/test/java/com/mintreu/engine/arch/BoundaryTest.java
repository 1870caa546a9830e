package com.mintreu.engine.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mintreu.plugins.archfixture.PluginReachingIntoTheEngine;
import com.mintreu.plugins.storagelocal.LocalStorage;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The dependency rule of DESIGN.md, checked on the compiled classes: plugins and plugin-api never
 * see the engine, and plugin-api depends on nothing a plugin would not get from the host.
 */
class BoundaryTest {

    static final ArchRule NOTHING_OUTSIDE_SEES_THE_ENGINE = noClasses()
            .that().resideInAnyPackage("com.mintreu.api..", "com.mintreu.plugins..")
            .should().dependOnClassesThat().resideInAPackage("com.mintreu.engine..")
            .because("plugins compile against plugin-api only; the engine is not an API (DESIGN.md)");

    static final ArchRule PLUGIN_API_IS_SMALL = classes()
            .that().resideInAPackage("com.mintreu.api..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.pf4j..", "org.slf4j..", "org.jdbi..", "com.mintreu.api..")
            .because("whatever plugin-api uses, every plugin inherits (DESIGN.md)");

    // main classes of plugin-api and of every bundled plugin on the test class path; test fixtures excluded
    static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.mintreu.api", "com.mintreu.plugins");

    @Test
    void pluginsAndPluginApiDoNotDependOnTheEngine() {
        assertThat(PRODUCTION.contain(LocalStorage.class)).as("bundled plugins are scanned").isTrue();
        NOTHING_OUTSIDE_SEES_THE_ENGINE.check(PRODUCTION);
    }

    @Test
    void pluginApiDependsOnlyOnTheJdkPf4jSlf4jAndJdbi() {
        assertThat(PRODUCTION.contain(com.mintreu.api.Extension.class)).isTrue();
        PLUGIN_API_IS_SMALL.check(PRODUCTION);
    }

    @Test
    void theRuleCatchesAPluginThatReachesIntoTheEngine() {
        JavaClasses offender = new ClassFileImporter().importClasses(PluginReachingIntoTheEngine.class);
        assertThatThrownBy(() -> NOTHING_OUTSIDE_SEES_THE_ENGINE.check(offender))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("PluginReachingIntoTheEngine");
    }
}
