package org.hrmtext.tests.faults;

import java.io.IOException;
import java.util.List;

/**
 * One bad input: how to make it in a {@link Workspace} (returning the {@code hrm} arguments that
 * must reject it), the command whose error prefix is expected, the exit code, and substrings the
 * one-line message must contain.
 */
record FaultCase(Group group, String name, Setup setup, String command, int exit, List<String> expected) {

    /** The four parts of the corpus. */
    enum Group {
        MODEL_FILES("model files"), CONFIGS("training/SFT configs"), DATA("data files"), PARAMETERS("generation/eval/score parameters");

        final String title;

        Group(String title) {
            this.title = title;
        }
    }

    /** Writes the bad input into the workspace and returns the arguments of the command that must refuse it. */
    @FunctionalInterface
    interface Setup {
        Object[] apply(Workspace w) throws IOException;
    }

    /** Breaks one thing in the workspace (whatever it returns is ignored). */
    @FunctionalInterface
    interface Edit {
        Object apply(Workspace w) throws IOException;
    }

    /** Expected substrings may name workspace paths with {@code {ws}}: the workspace folder. */
    List<String> expectedIn(Workspace w) {
        return expected.stream().map(s -> s.replace("{ws}", w.root().toString())).toList();
    }

    @Override
    public String toString() {
        return group.name().toLowerCase() + ": " + name;
    }

    /** A builder-ish shorthand used by the corpus classes. */
    static FaultCase of(Group group, String name, String command, Setup setup, String... expected) {
        return new FaultCase(group, name, setup, command, 2, List.of(expected));
    }
}
