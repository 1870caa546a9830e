package com.mintreu.engine.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mintreu.plugins.archfixture.PluginReachingIntoTheEngine;
import com.mintreu.plugins.storagelocal.LocalStorage;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of DESIGN.md, checked on the compiled classes: plugins and plugin-api never
 * see the engine, and plugin-api depends on nothing a plugin would not get from the host. Inside
 * the engine, feature packages form no cycle and the infrastructure packages depend on no
 * feature (the layering is in {@code com.mintreu.engine}'s package-info).
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

    static final ArchRule CONFIG_BINDING_IS_SMALL = classes()
            .that().resideInAPackage("com.mintreu.config..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.fasterxml.jackson..", "com.mintreu.api.config..", "com.mintreu.config..")
            .because("config-binding is shared by the engine and plugin-testkit: plugins' tests get it, so it sees neither the engine nor the rest of the API");

    static final ArchRule PLUGINS_GET_THEIR_CONFIG_FROM_THE_CONTEXT = noClasses()
            .that().resideInAnyPackage("com.mintreu.api..", "com.mintreu.plugins..")
            .should().dependOnClassesThat().resideInAPackage("com.mintreu.config..")
            .because("a plugin reads its bound record with PluginContext.config; the binder is for the engine and tests (plugin-testkit)");

    /** Packages every feature may use; they use no feature. */
    static final Set<String> INFRASTRUCTURE = Set.of("config", "db", "plugin", "security", "web");

    /** Each package directly under {@code root} is a slice, except the infrastructure ones. */
    static ArchRule featuresAreFreeOfCycles(String root) {
        return slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                String pkg = c.getPackageName();
                if (!pkg.startsWith(root + ".")) {
                    return SliceIdentifier.ignore();
                }
                String feature = pkg.substring(root.length() + 1).split("\\.")[0];
                return INFRASTRUCTURE.contains(feature) ? SliceIdentifier.ignore() : SliceIdentifier.of(feature);
            }

            @Override
            public String getDescription() {
                return "feature packages under " + root;
            }
        }).should().beFreeOfCycles()
                .because("a feature reacts to another through events or a handler it contributes, never by both importing each other (DESIGN.md)");
    }

    static final ArchRule INFRASTRUCTURE_USES_NO_FEATURE = noClasses()
            .that().resideInAnyPackage(INFRASTRUCTURE.stream().map(p -> "com.mintreu.engine." + p + "..").toArray(String[]::new))
            .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe("are in a feature package",
                    (JavaClass c) -> c.getPackageName().startsWith("com.mintreu.engine.")
                            && !INFRASTRUCTURE.contains(c.getPackageName().substring("com.mintreu.engine.".length()).split("\\.")[0])))
            .because("infrastructure sits below the features; a feature it called could hide a cycle between features");

    static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.mintreu.engine");

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
    void configBindingDependsOnlyOnJacksonAndTheConfigAnnotations() {
        JavaClasses binding = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.mintreu.config");
        assertThat(binding.contain(com.mintreu.config.ConfigBinder.class)).as("config-binding is scanned").isTrue();
        CONFIG_BINDING_IS_SMALL.check(binding);
        PLUGINS_GET_THEIR_CONFIG_FROM_THE_CONTEXT.check(PRODUCTION);
    }

    @Test
    void theRuleCatchesAPluginThatReachesIntoTheEngine() {
        JavaClasses offender = new ClassFileImporter().importClasses(PluginReachingIntoTheEngine.class);
        assertThatThrownBy(() -> NOTHING_OUTSIDE_SEES_THE_ENGINE.check(offender))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("PluginReachingIntoTheEngine");
    }

    @Test
    void engineFeaturePackagesAreFreeOfCycles() {
        assertThat(ENGINE.contain(com.mintreu.engine.license.LicenseService.class)).as("engine classes are scanned").isTrue();
        featuresAreFreeOfCycles("com.mintreu.engine").check(ENGINE);
    }

    @Test
    void infrastructureDependsOnNoFeature() {
        INFRASTRUCTURE_USES_NO_FEATURE.check(ENGINE);
    }

    @Test
    void theCycleRuleCatchesTwoFeaturesThatImportEachOther() {
        JavaClasses cycle = new ClassFileImporter().importPackages("com.mintreu.engine.arch.fixture");
        assertThatThrownBy(() -> featuresAreFreeOfCycles("com.mintreu.engine.arch.fixture").check(cycle))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ping")
                .hasMessageContaining("pong");
    }
}
