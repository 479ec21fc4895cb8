package org.hrmtext.app.data;

import io.vavr.control.Either;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.data.Sample;
import org.hrmtext.domain.text.Condition;
import org.hrmtext.domain.text.TokenLayout;
import org.hrmtext.ports.Tokenizer;

/**
 * Turns one line of instruction data into a sample in the HRM-Text layout, or records in the
 * statistics why it gives none: malformed (not UTF-8, not JSON, a missing or mistyped field, an
 * unknown condition), an empty response, a response that tokenizes to nothing, or a sample longer
 * than {@code maxLen} (truncated or dropped, per the request). One maker per tokenizer and
 * statistics: a distributed engine runs one per partition with the same {@link Rules}.
 */
public final class SampleMaker {
    private final Tokenizer tokenizer;
    private final Rules rules;
    private final PrepareStats stats;
    private final String file;

    /**
     * What shapes a sample, from the request: the length limit and what an overlong sample does,
     * and whether a line without a condition gets {@code direct} (as in the reference's V1 data).
     */
    public record Rules(int maxLen, PrepareRequest.Overlong overlong, boolean directByDefault) implements Serializable {
        private static final long serialVersionUID = 1L;

        public static Rules of(PrepareRequest request) {
            return new Rules(request.maxLen(), request.overlong(), request.format() == PrepareRequest.Format.V1);
        }
    }

    public SampleMaker(Tokenizer tokenizer, Rules rules, PrepareStats stats) {
        this(tokenizer, rules, stats, "");
    }

    /** A maker of one part file's lines: its malformed lines are reported as {@code FILE: line N: ...}. */
    public SampleMaker(Tokenizer tokenizer, Rules rules, PrepareStats stats, String file) {
        this.tokenizer = tokenizer;
        this.rules = rules;
        this.stats = stats;
        this.file = file;
    }

    /** The sample of line {@code line} ({@code text}: the line, or why it could not be read), or none, counted in the statistics. */
    public Optional<Sample> make(int line, Either<String, String> text) {
        stats.line();
        if (text.isLeft()) {
            stats.malformed(file, line, text.getLeft());
            return Optional.empty();
        }
        TextRecord record;
        try {
            record = TextRecord.parse(text.get());
        } catch (InvalidInputException e) {
            stats.malformed(file, line, e.getMessage());
            return Optional.empty();
        }
        if (record.response().isEmpty()) {
            stats.dropped(PrepareStats.EMPTY_RESPONSE, line);
            return Optional.empty();
        }
        int[] response = tokenizer.encode(record.response());
        if (response.length == 0) {
            stats.dropped(PrepareStats.RESPONSE_TOKENIZES_TO_NOTHING, line);
            return Optional.empty();
        }
        TokenLayout layout = tokenizer.layout();
        List<Condition> conditions = record.conditions().isEmpty() && rules.directByDefault() ? List.of(Condition.DIRECT)
                : record.conditions();
        return fit(line, layout.sample(conditions, tokenizer.encode(record.instruction()), response));
    }

    private Optional<Sample> fit(int line, Sample s) {
        int max = rules.maxLen();
        if (max == 0 || s.packedLength() <= max) {
            stats.kept(s);
            return Optional.of(s);
        }
        if (rules.overlong() == PrepareRequest.Overlong.DROP) {
            stats.dropped(PrepareStats.OVERLONG, line);
            return Optional.empty();
        }
        if (s.instruction().length > max) {
            stats.dropped(PrepareStats.INSTRUCTION_TOO_LONG, line);
            return Optional.empty();
        }
        Sample cut = new Sample(s.instruction(), Arrays.copyOf(s.response(), max - s.instruction().length + 1));
        stats.truncated(line);
        stats.kept(cut);
        return Optional.of(cut);
    }
}
