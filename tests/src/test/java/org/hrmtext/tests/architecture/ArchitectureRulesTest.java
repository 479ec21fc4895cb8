package org.hrmtext.tests.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.stream.Stream;
import org.hrmtext.domain.config.Architecture;
import org.hrmtext.tests.fixture.adapterlike.ArchitectureSwitch;
import org.hrmtext.tests.fixture.domainlike.LeakyRecurrence;
import org.hrmtext.tests.fixture.domainlike.PlainRecurrence;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of docs/ARCHITECTURE.md over the main code of every module: the domain is
 * plain Java and Vavr, formats and ports add only the domain, adapters stay apart from each other
 * and from the application, and the application reaches backends only through the SPI at run
 * time; use cases never use the command line or the lab; modules and packages have no cycles;
 * picocli stays in the command line, Guice in the wiring; adapters never see the architecture
 * (the schedule carries it).
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
    void formatsDependOnlyOnTheDomain() {
        layerUsesOnly("org.hrmtext.formats..", "org.hrmtext.domain..", "java..", "io.vavr..")
                .because("file formats are plain Java over the domain's values, readable by every module").check(main);
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
        adapterStaysApart("org.hrmtext.tf..").check(main);
        adapterStaysApart("org.hrmtext.onnx..").check(main);
        adapterStaysApart("org.hrmtext.hftok..").check(main);
    }

    @Test
    void modulesAndTheirPackagesAreFreeOfCycles() {
        slices().matching("org.hrmtext.(*)..").should().beFreeOfCycles().check(main);
        slices().matching("org.hrmtext.domain.(*)..").should().beFreeOfCycles().check(main);
        slices().matching("org.hrmtext.formats.(*)..").should().beFreeOfCycles().check(main);
        slices().matching("org.hrmtext.app.(*)..").should().beFreeOfCycles().check(main);
        slices().matching("org.hrmtext.lab.(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void picocliStaysInTheCommandLine() {
        noClasses().that().resideOutsideOfPackage("org.hrmtext.cli..").should()
                .dependOnClassesThat().resideInAPackage("picocli..")
                .because("the command line is one driving adapter; use cases must be callable without it")
                .check(main);
    }

    @Test
    void guiceStaysInTheWiring() {
        // Justified exceptions: the command line's entry point receives the injector the composition root made,
        // and GuiceFactory is picocli's factory, which must create commands from it.
        noClasses().that().resideOutsideOfPackage("org.hrmtext.cli.wiring..")
                .and().doNotHaveFullyQualifiedName("org.hrmtext.cli.GuiceFactory")
                .and().doNotHaveFullyQualifiedName("org.hrmtext.cli.HrmCommand").should()
                .dependOnClassesThat().resideInAPackage("com.google.inject..")
                .because("one injector at the composition root; everything else receives its collaborators")
                .check(main);
    }

    @Test
    void useCasesNeverUseTheCommandLineOrTheLab() {
        noClasses().that().resideInAPackage("org.hrmtext.app..").should().dependOnClassesThat()
                .resideInAnyPackage("org.hrmtext.cli..", "org.hrmtext.lab..")
                .because("use cases are called by the command line, the lab and the Spark engine, never the reverse")
                .check(main);
        noClasses().that().resideInAPackage("org.hrmtext.lab..").should().dependOnClassesThat()
                .resideInAPackage("org.hrmtext.cli..")
                .because("the study and the benchmarks are use cases of their own; the command line only drives them")
                .check(main);
    }

    @Test
    void adaptersNeverBranchOnTheArchitecture() {
        noArchitectureConstants(ADAPTERS).check(main);
    }

    /**
     * Reading the architecture's name (for provenance metadata) is fine; naming one of its
     * constants, or enumerating them as a switch does, is branching on it.
     */
    static ArchRule noArchitectureConstants(String... packages) {
        DescribedPredicate<JavaAccess<?>> architectureConstant = new DescribedPredicate<>("an Architecture constant") {
            @Override
            public boolean test(JavaAccess<?> access) {
                return access.getTargetOwner().isEquivalentTo(Architecture.class)
                        && (access instanceof JavaFieldAccess || access.getName().equals("values")
                                || access.getName().equals("ordinal"));
            }
        };
        return noClasses().that().resideInAnyPackage(packages).should().accessTargetWhere(architectureConstant)
                .because("the domain's recurrence schedule says what runs; an adapter only executes it");
    }

    @Test
    void architectureRuleFailsOnAnAdapterThatSwitchesOnTheArchitecture() {
        JavaClasses branching = new ClassFileImporter().importPackagesOf(ArchitectureSwitch.class);
        AssertionError e = assertThrows(AssertionError.class,
                () -> noArchitectureConstants("org.hrmtext.tests.fixture.adapterlike..").check(branching));
        assertTrue(e.getMessage().contains("ArchitectureSwitch"), e.getMessage());
    }

    /** An adapter never uses the application, the inference layer above the ports, or another adapter. */
    static ArchRule adapterStaysApart(String adapter) {
        String[] others = Stream.concat(Stream.of(ADAPTERS).filter(a -> !a.equals(adapter)),
                Stream.of("org.hrmtext.app..", "org.hrmtext.inference..", "org.hrmtext.cli..", "org.hrmtext.lab..")).toArray(String[]::new);
        return noClasses().that().resideInAPackage(adapter).should().dependOnClassesThat().resideInAnyPackage(others);
    }

    @Test
    void applicationNeverImportsAnAdapterOrABackendLibrary() {
        noClasses().that().resideInAnyPackage("org.hrmtext.app..", "org.hrmtext.inference..", "org.hrmtext.formats..",
                "org.hrmtext.cli..", "org.hrmtext.lab..").should()
                .dependOnClassesThat().resideInAnyPackage(BACKEND_CODE)
                .because("backends arrive through ServiceLoader, chosen by configuration")
                .check(main);
    }

    @Test
    void theEmbeddingArtifactNeverUsesTheApplication() {
        noClasses().that().resideInAPackage("org.hrmtext.inference..").should().dependOnClassesThat()
                .resideInAnyPackage("org.hrmtext.app..", "org.hrmtext.cli..", "org.hrmtext.lab..")
                .because("hrm-inference (text API, tokenizer catalog) is embedded without the command line or Guice")
                .check(main);
    }

    @Test
    void coreModulesStayFreeOfSpark() {
        noClasses().that().resideInAnyPackage("org.hrmtext.domain..", "org.hrmtext.formats..", "org.hrmtext.ports..",
                "org.hrmtext.app..", "org.hrmtext.lab..", "org.hrmtext.inference..").should().dependOnClassesThat()
                .resideInAnyPackage("org.apache.spark..", "org.apache.hadoop..", "org.apache.parquet..", "scala..",
                        "org.hrmtext.spark..")
                .because("the Spark engine arrives through the DataEngineProvider SPI; nothing else needs Spark")
                .check(main);
    }

    @Test
    void serverIsADrivingAdapterOverTheEmbeddingApiOnly() {
        noClasses().that().resideInAPackage("org.hrmtext.server..").should().dependOnClassesThat()
                .resideInAnyPackage(Stream.concat(Stream.of(BACKEND_CODE), Stream.of("org.hrmtext.app..", "org.hrmtext.cli..", "org.hrmtext.lab..")).toArray(String[]::new))
                .because("hrm serve reaches models through the embedding API and ports; backends arrive at run time")
                .check(main);
        noClasses().that().resideInAnyPackage("org.hrmtext.domain..", "org.hrmtext.ports..", "org.hrmtext.inference..")
                .should().dependOnClassesThat().resideInAPackage("org.hrmtext.server..")
                .because("the server depends on the embedding API, not the reverse").check(main);
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
        for (String p : new String[] {"org.hrmtext.domain", "org.hrmtext.ports", "org.hrmtext.djl", "org.hrmtext.tf",
            "org.hrmtext.onnx", "org.hrmtext.hftok", "org.hrmtext.inference", "org.hrmtext.inference.text",
            "org.hrmtext.inference.tokenizer", "org.hrmtext.formats.json", "org.hrmtext.formats.safetensors",
            "org.hrmtext.app.train", "org.hrmtext.lab.study", "org.hrmtext.lab.bench", "org.hrmtext.cli",
            "org.hrmtext.cli.wiring", "org.hrmtext.server", "org.hrmtext.spark"}) {
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
