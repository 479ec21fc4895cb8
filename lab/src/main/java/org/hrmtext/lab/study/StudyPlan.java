package org.hrmtext.lab.study;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hrmtext.domain.config.Architecture;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.config.ModelPresets;
import org.hrmtext.domain.schedule.CallRole;
import org.hrmtext.domain.schedule.CreditPattern;
import org.hrmtext.domain.schedule.RecurrenceSchedule;

/**
 * The settings a study runs, from its architectures × requested depth patterns. A pattern deeper
 * than an architecture is clamped to the calls it has (e.g. {@code H2L3} on the one-call
 * transformer trains its single call); a pattern whose clamped credit repeats an earlier one of the
 * same architecture is skipped. Every clamp and skip is kept as a note for the report.
 */
record StudyPlan(List<StudySetting> settings, List<String> notes) {

    static StudyPlan of(String modelPreset, List<Architecture> archs, List<CreditPattern> depths) {
        List<StudySetting> settings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Architecture arch : archs) {
            ModelConfig config = ModelPresets.named(modelPreset).withArchitecture(arch);
            Set<CreditPattern> seen = new HashSet<>();
            for (CreditPattern requested : depths) {
                RecurrenceSchedule schedule = RecurrenceSchedule.of(config, requested);
                CreditPattern effective = schedule.effectiveCredit();
                String what = requested + " on " + arch.configName();
                if (!seen.add(effective)) {
                    notes.add(what + " skipped: it backpropagates through the same calls (" + effective
                            + ") as an earlier depth of this architecture");
                    continue;
                }
                if (!requested.equals(CreditPattern.FULL) && !requested.equals(effective)) {
                    notes.add(what + " clamped to " + effective + " (the architecture has " + count(schedule, true)
                            + " H-level and " + count(schedule, false) + " L-level calls)");
                }
                settings.add(new StudySetting(arch, config, requested, schedule));
            }
        }
        return new StudyPlan(List.copyOf(settings), List.copyOf(notes));
    }

    private static long count(RecurrenceSchedule s, boolean high) {
        return s.calls().stream().filter(c -> (c.role() == CallRole.HIGH) == high).count();
    }
}
