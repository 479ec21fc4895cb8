package org.hrmtext.tests.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.stream.Stream;
import org.hrmtext.tests.fixture.domainlike.LeakyRecurrence;
import org.hrmtext.tests.fixture.domainlike.PlainRecurrence;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of DESIGN.md over the main code of every module: the domain is plain Java
 * and Vavr, ports add only the domain, adapters stay apart from each other and from the
 * application, and the application reaches backends only through the SPI at run time.
 */
class ArchitectureRulesTest {
    private static final String[] ADAPTERS = {"org.hrmtext.djl..", "org.hrmtext.tf..", "org.hrmtext.onnx..",
        "org.hrmtext.hftok.."};
    private static final String[] BACKEND_CODE = {"org.hrmtext.djl..", "org.hrmtext.tf..", "org.hrmtext.onnx..",
        "org.hrmtext.hftok..", "ai.djl..", "org.tensorflow..", "ai.onnxruntime.."};

    private static JavaClasses main;

    @BeforeAll
    static void importMainCode() {
        main = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests()).importPackages("org.hrmtext");
    }

    /** Classes in {@code layer} may use only classes of their own layer and of {@code allowed}. */
    static ArchRule layerUsesOnly(String layer, String... allowed) {
        String[] packages = Stream.concat(Stream.of(layer), Stream.of(allowed)).toArray(String[]::new);
        return classes().that().resideInAPackage(layer).should().onlyDependOnClassesThat().resideInAnyPackage(packages);
    }

    static ArchRule domainRule(String domainPackage) {
        return layerUsesOnly(domainPackage, "java..", "io.vavr..")
                .because("the domain is plain Java and Vavr, so every backend can share it");
    }

    @Test
    void domainDependsOnlyOnJavaAndVavr() {
        domainRule("org.hrmtext.domain..").check(main);
    }

    @Test
    void portsDependOnlyOnDomainJavaAndVavr() {
        layerUsesOnly("org.hrmtext.ports..", "org.hrmtext.domain..", "java..", "io.vavr..").check(main);
    }

    @Test
    void djlAdapterUsesNeitherTheApplicationNorOtherAdapters() {
        adapterStaysApart("org.hrmtext.djl..").check(main);
    }

    @Test
    void otherAdaptersStayApartToo() {
        // Only adapters on this module's test class path are imported; the others have nothing to check yet.
        adapterStaysApart("org.hrmtext.tf..").allowEmptyShould(true).check(main);
        adapterStaysApart("org.hrmtext.onnx..").allowEmptyShould(true).check(main);
        adapterStaysApart("org.hrmtext.hftok..").check(main);
    }

    /** An adapter never uses the application, the inference layer above the ports, or another adapter. */
    static ArchRule adapterStaysApart(String adapter) {
        String[] others = Stream.concat(Stream.of(ADAPTERS).filter(a -> !a.equals(adapter)),
                Stream.of("org.hrmtext.app..", "org.hrmtext.inference..")).toArray(String[]::new);
        return noClasses().that().resideInAPackage(adapter).should().dependOnClassesThat().resideInAnyPackage(others);
    }

    @Test
    void applicationNeverImportsAnAdapterOrABackendLibrary() {
        noClasses().that().resideInAnyPackage("org.hrmtext.app..", "org.hrmtext.inference..").should()
                .dependOnClassesThat().resideInAnyPackage(BACKEND_CODE)
                .because("backends arrive through ServiceLoader, chosen by configuration")
                .check(main);
    }

    @Test
    void coreModulesStayFreeOfSpark() {
        noClasses().that().resideInAnyPackage("org.hrmtext.domain..", "org.hrmtext.ports..", "org.hrmtext.app..",
                "org.hrmtext.inference..").should().dependOnClassesThat()
                .resideInAnyPackage("org.apache.spark..", "org.apache.hadoop..", "org.apache.parquet..", "scala..",
                        "org.hrmtext.spark..")
                .because("the Spark engine arrives through the DataEngineProvider SPI; nothing else needs Spark")
                .check(main);
    }

    @Test
    void sparkEngineReachesBackendsOnlyThroughTheApplication() {
        noClasses().that().resideInAPackage("org.hrmtext.spark..").should().dependOnClassesThat()
                .resideInAnyPackage(BACKEND_CODE)
                .because("executors open models and tokenizers with the application's workers, which find backends by ServiceLoader")
                .check(main);
    }

    @Test
    void mainCodeOfEveryLayerWasImported() {
        for (String p : new String[] {"org.hrmtext.domain", "org.hrmtext.ports", "org.hrmtext.djl", "org.hrmtext.inference",
            "org.hrmtext.app", "org.hrmtext.spark"}) {
            assertTrue(main.containPackage(p), "no classes imported from " + p);
        }
        assertTrue(main.stream().noneMatch(c -> c.getPackageName().startsWith("org.hrmtext.tests")),
                "test classes must not be scanned");
    }

    @Test
    void domainRuleFailsOnADomainClassThatImportsDjl() {
        JavaClasses leaky = new ClassFileImporter().importClasses(LeakyRecurrence.class);
        AssertionError e = assertThrows(AssertionError.class,
                () -> domainRule("org.hrmtext.tests.fixture.domainlike..").check(leaky));
        assertTrue(e.getMessage().contains("ai.djl.ndarray.NDArray"), e.getMessage());
    }

    @Test
    void domainRuleAcceptsADomainClassThatKeepsToJavaAndVavr() {
        JavaClasses plain = new ClassFileImporter().importClasses(PlainRecurrence.class);
        assertDoesNotThrow(() -> domainRule("org.hrmtext.tests.fixture.domainlike..").check(plain));
    }
}
