package org.hrmtext.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hrmtext.cli.HrmCommand;
import org.hrmtext.cli.wiring.Composition;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Keeps README's command table true (issue 15 item 9): every option of every command appears in
 * README.md as {@code --name} inside the row of its command, an option shown in a row's synopsis
 * outside square brackets is one picocli requires, and no {@code --help} line of any command breaks
 * inside a name (a line ending in {@code word.} followed by a line starting with an extension, or
 * ending in {@code word.}, or in a word with a slash ending in {@code :} or {@code /}, followed by a
 * line going on in lowercase or digits, as {@code spark://host:} / {@code 7077} would; the next
 * command of a command list is not a continuation).
 */
class CliDocsTest {
    private static final Pattern EXTENSION = Pattern.compile("^\\s*(safetensors|json|jsonl|onnx|yaml|bin|png|csv|md|txt)\\b");

    private static List<CommandLine> commands() {
        List<CommandLine> all = new ArrayList<>();
        collect(HrmCommand.commandLine(Composition.injector()), all);
        return all;
    }

    private static void collect(CommandLine cl, List<CommandLine> into) {
        into.add(cl);
        cl.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, into));
    }

    private static String readme() throws IOException {
        return Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    }

    /** The README table row of {@code hrm NAME …} (its first cell starts with the qualified name). */
    private static String row(String readme, String qualified) {
        Matcher m = Pattern.compile("(?m)^\\| `" + Pattern.quote(qualified) + "( [^`]*)?`.*$").matcher(readme);
        return m.find() ? m.group() : "";
    }

    @Test
    void everyOptionOfEveryCommandIsInItsReadmeRow() throws IOException {
        String readme = readme();
        List<String> missing = new ArrayList<>();
        for (CommandLine cl : commands()) {
            CommandSpec spec = cl.getCommandSpec();
            if (spec.parent() == null || !spec.subcommands().isEmpty()) {
                continue;
            }
            String row = row(readme, spec.qualifiedName());
            if (row.isEmpty()) {
                missing.add(spec.qualifiedName() + " (no row in the command table)");
                continue;
            }
            for (OptionSpec o : spec.options()) {
                if (o.usageHelp() || o.versionHelp() || o.hidden()) {
                    continue;
                }
                if (!row.matches(".*" + Pattern.quote(o.longestName()) + "(?![a-z-]).*")) {
                    missing.add(spec.qualifiedName() + " " + o.longestName());
                }
            }
        }
        assertEquals(List.of(), missing, "options missing from README.md's command table");
    }

    @Test
    void optionsShownAsRequiredAreRequired() throws IOException {
        String readme = readme();
        List<String> wrong = new ArrayList<>();
        for (CommandLine cl : commands()) {
            CommandSpec spec = cl.getCommandSpec();
            String row = row(readme, spec.qualifiedName());
            if (spec.parent() == null || row.isEmpty()) {
                continue;
            }
            String synopsis = row.substring(row.indexOf('`') + 1, row.indexOf('`', row.indexOf('`') + 1));
            String outside = withoutBrackets(synopsis);
            for (OptionSpec o : spec.options()) {
                boolean shownRequired = outside.matches(".*" + Pattern.quote(o.longestName()) + "(?![a-z-]).*");
                if (shownRequired && !o.required() && !inRequiredGroup(o)) {
                    wrong.add(spec.qualifiedName() + " " + o.longestName());
                }
            }
        }
        assertEquals(List.of(), wrong, "optional options shown as required in README.md");
    }

    private static boolean inRequiredGroup(OptionSpec o) {
        return o.group() != null && o.group().multiplicity().min() > 0;
    }

    /** The synopsis without its {@code […]} parts (nesting allowed). */
    private static String withoutBrackets(String s) {
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        for (char c : s.toCharArray()) {
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth = Math.max(0, depth - 1);
            } else if (depth == 0) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    @Test
    void noHelpLineBreaksInsideAFileName() {
        List<String> broken = new ArrayList<>();
        for (CommandLine cl : commands()) {
            List<String> lines = cl.getUsageMessage(CommandLine.Help.Ansi.OFF).lines().toList();
            for (int i = 0; i + 1 < lines.size(); i++) {
                boolean dotThenExtension = lines.get(i).matches(".*[A-Za-z0-9_]\\.$") && EXTENSION.matcher(lines.get(i + 1)).find();
                String last = lines.get(i).substring(lines.get(i).lastIndexOf(' ') + 1);
                boolean nameEnd = last.matches(".*[a-z0-9]\\.") || last.matches(".*/.*[:/]");
                String next = lines.get(i + 1);
                boolean insideName = nameEnd && next.matches("\\s*[a-z0-9/].*") && !next.matches("\\s*[a-z][\\w-]*\\s{2,}.*");
                if (dotThenExtension || insideName) {
                    broken.add(cl.getCommandSpec().qualifiedName() + ": \"" + lines.get(i).trim() + "\" / \""
                            + lines.get(i + 1).trim() + "\"");
                }
            }
        }
        assertEquals(List.of(), broken, "help lines broken inside a file name");
    }
}
