package org.hrmtext.tests.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hrmtext.domain.PublicApi;
import org.hrmtext.tests.fixture.apilike.LeakyApi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedding API is marked ({@link PublicApi}) and closed: its public members take and return
 * only JDK types and marked types, and the README's Java examples import only marked types, so a
 * program written from the README never depends on an internal class.
 */
class PublicApiRulesTest {
    private static JavaClasses main;

    @BeforeAll
    static void importMainCode() {
        main = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests()).importPackages("org.hrmtext");
    }

    static ArchRule apiExposesOnlyApi(String packages) {
        return classes().that().resideInAPackage(packages).and().areAnnotatedWith(PublicApi.class)
                .should(new ArchCondition<JavaClass>("expose only JDK types and @PublicApi types in public members") {
                    @Override
                    public void check(JavaClass api, ConditionEvents events) {
                        List<JavaCodeUnit> members = new ArrayList<>(api.getCodeUnits());
                        for (JavaCodeUnit m : members) {
                            if (!m.getModifiers().contains(JavaModifier.PUBLIC) || m.getModifiers().contains(JavaModifier.SYNTHETIC)) {
                                continue;
                            }
                            List<JavaClass> involved = new ArrayList<>(m.getReturnType().getAllInvolvedRawTypes());
                            m.getParameterTypes().forEach(t -> involved.addAll(t.getAllInvolvedRawTypes()));
                            for (JavaClass t : involved) {
                                JavaClass base = t.isArray() ? t.getBaseComponentType() : t;
                                if (!allowed(base)) {
                                    events.add(SimpleConditionEvent.violated(m, m.getFullName() + " exposes " + base.getName()
                                            + ", which is neither a JDK type nor @PublicApi"));
                                }
                            }
                        }
                    }
                });
    }

    private static boolean allowed(JavaClass t) {
        return t.isPrimitive() || t.getPackageName().startsWith("java.") || t.isAnnotatedWith(PublicApi.class)
                || t.getEnclosingClass().map(e -> e.isAnnotatedWith(PublicApi.class) && t.isEnum()).orElse(false);
    }

    @Test
    void embeddingApiExposesOnlyTheEmbeddingApi() {
        apiExposesOnlyApi("org.hrmtext.inference..").check(main);
    }

    @Test
    void ruleRefusesAMarkedTypeThatLeaksAnInternalOne() {
        JavaClasses leaky = new ClassFileImporter().importClasses(LeakyApi.class);
        AssertionError e = assertThrows(AssertionError.class,
                () -> apiExposesOnlyApi("org.hrmtext.tests.fixture.apilike..").check(leaky));
        assertTrue(e.getMessage().contains("RecurrenceSchedule"), e.getMessage());
    }

    @Test
    void readmeJavaExamplesImportOnlyTheMarkedApi() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        Matcher block = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme);
        List<String> imported = new ArrayList<>();
        while (block.find()) {
            Matcher imp = Pattern.compile("^import (org\\.hrmtext\\.[\\w.]+);", Pattern.MULTILINE).matcher(block.group(1));
            while (imp.find()) {
                imported.add(imp.group(1));
            }
        }
        assertTrue(!imported.isEmpty(), "README.md has no Java example importing org.hrmtext classes");
        List<String> unmarked = imported.stream().filter(n -> !main.get(n).isAnnotatedWith(PublicApi.class)).toList();
        assertEquals(List.of(), unmarked, "README's Java examples import types that are not @PublicApi");
    }
}
