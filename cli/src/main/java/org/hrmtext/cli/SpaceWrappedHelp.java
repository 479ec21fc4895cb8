package org.hrmtext.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Help text wrapped at spaces only. picocli's own wrapping may break after a dot, a colon or a
 * slash, which splits names such as {@code FILE.onnx}, {@code model.safetensors} or
 * {@code spark://host:7077} across lines; here each section (synopsis, description, options,
 * parameters) is laid out by picocli on one long line per entry and then broken at spaces, a
 * continuation indented under the start of its text.
 */
final class SpaceWrappedHelp {
    /** Width picocli lays a section out in before it is re-wrapped: wide enough for one line per entry. */
    private static final int UNWRAPPED = 10_000;
    /** An option row: the option names, two or more spaces, then the description. */
    private static final Pattern OPTION_ROW = Pattern.compile("^(\\s*-\\S.*?\\s{2,})\\S.*$");

    private SpaceWrappedHelp() {
    }

    /** Installs the renderers on {@code cl} and every subcommand below it. */
    static void install(CommandLine cl) {
        var sections = cl.getHelpSectionMap();
        sections.put(UsageMessageSpec.SECTION_KEY_SYNOPSIS, help -> synopsis(help));
        sections.put(UsageMessageSpec.SECTION_KEY_DESCRIPTION, rewrapped(Help::description));
        sections.put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, rewrapped(Help::optionList));
        sections.put(UsageMessageSpec.SECTION_KEY_PARAMETER_LIST, rewrapped(Help::parameterList));
        cl.getSubcommands().values().forEach(SpaceWrappedHelp::install);
    }

    private static String synopsis(Help help) {
        int heading = help.synopsisHeadingLength();
        String line = unwrapped(help, h -> h.synopsis(heading)).strip();
        int width = help.commandSpec().usageMessage().width();
        int indent = heading + help.commandSpec().qualifiedName().length() + 1;
        return wrap("", line, heading, indent, width) + System.lineSeparator();
    }

    private static IHelpSectionRenderer rewrapped(Function<Help, String> section) {
        return help -> {
            int width = help.commandSpec().usageMessage().width();
            StringBuilder out = new StringBuilder();
            for (String line : unwrapped(help, section).split("\\R", -1)) {
                Matcher m = OPTION_ROW.matcher(line);
                String prefix = m.matches() ? m.group(1) : line.substring(0, leadingSpaces(line));
                out.append(wrap(prefix, line.substring(prefix.length()), 0, prefix.length(), width))
                        .append(System.lineSeparator());
            }
            out.setLength(out.length() - System.lineSeparator().length());
            return out.toString();
        };
    }

    private static String unwrapped(Help help, Function<Help, String> section) {
        UsageMessageSpec usage = help.commandSpec().usageMessage();
        int width = usage.width();
        try {
            usage.width(UNWRAPPED);
            return section.apply(help);
        } finally {
            usage.width(width);
        }
    }

    private static int leadingSpaces(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /**
     * {@code prefix} (kept as it is) and {@code text} broken at spaces into lines of at most
     * {@code width} columns (the first one {@code first} columns shorter, for a heading before it);
     * continuation lines start at {@code indent}. A word longer than a line stands alone.
     */
    static String wrap(String prefix, String text, int first, int indent, int width) {
        if (first + prefix.length() + text.length() <= width) {
            return (prefix + text).stripTrailing();
        }
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder(prefix);
        int limit = width - first;
        boolean empty = true;
        for (String word : text.strip().split(" +")) {
            if (!empty && current.length() + 1 + word.length() > limit) {
                lines.add(current.toString());
                current = new StringBuilder(" ".repeat(indent));
                limit = width;
                empty = true;
            }
            if (!empty) {
                current.append(' ');
            }
            current.append(word);
            empty = false;
        }
        lines.add(current.toString());
        return String.join(System.lineSeparator(), lines);
    }
}
