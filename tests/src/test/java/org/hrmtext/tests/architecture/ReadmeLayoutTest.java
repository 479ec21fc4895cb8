package org.hrmtext.tests.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * README's module table ("Layout") names exactly the modules of the root pom, and the
 * architecture document it links to is in the repository: the tree a newcomer reads about is the
 * tree they clone.
 */
class ReadmeLayoutTest {
    private static final Path ROOT = Path.of("..");

    @Test
    void layoutTableNamesEveryModuleOfTheBuild() throws IOException {
        String pom = Files.readString(ROOT.resolve("pom.xml"), StandardCharsets.UTF_8);
        Set<String> modules = new TreeSet<>();
        Matcher m = Pattern.compile("<module>([\\w-]+)</module>").matcher(pom);
        while (m.find()) {
            modules.add(m.group(1));
        }
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("\n## Layout\n");
        assertTrue(start >= 0, "README.md has no Layout section");
        int end = readme.indexOf("\n## ", start + 1);
        String table = readme.substring(start, end < 0 ? readme.length() : end);
        Set<String> listed = new TreeSet<>();
        Matcher row = Pattern.compile("`([\\w-]+)/`").matcher(table);
        while (row.find()) {
            listed.add(row.group(1));
        }
        assertEquals(modules, listed, "README's Layout table against the modules of pom.xml");
    }

    @Test
    void architectureDocumentIsInTheRepository() {
        assertTrue(Files.isRegularFile(ROOT.resolve("docs/ARCHITECTURE.md")), "docs/ARCHITECTURE.md is missing");
    }
}
