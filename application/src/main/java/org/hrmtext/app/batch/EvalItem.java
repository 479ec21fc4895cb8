package org.hrmtext.app.batch;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hrmtext.app.io.InputFiles;
import org.hrmtext.app.io.InputLine;
import org.hrmtext.app.io.ItemIds;
import org.hrmtext.app.io.JsonLines;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.formats.json.JsonFields;
import org.hrmtext.domain.text.Condition;

/**
 * One evaluation line: {@code {"instruction", "response"}} for exact match, or
 * {@code {"instruction", "choices": [...], "answer": index or letter}} for multiple choice; an
 * optional {@code condition}, {@code kind} (results are also broken down by kind) and {@code id}
 * (a string or an integer; by default the line number, {@code PART:LINE} in a directory of parts).
 */
public record EvalItem(Serializable id, int line, String kind, String instruction, String response, List<String> choices,
        int answer, List<Condition> conditions) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The items of a local file or directory of part files. */
    public static List<EvalItem> read(Path file, EvalMode mode) {
        return read(file.toString(), InputFiles.read(file), mode);
    }

    /** The items of {@code lines} (the input {@code input}: a file or a directory of part files). */
    public static List<EvalItem> read(String input, List<InputLine> lines, EvalMode mode) {
        return JsonLines.parse(input, lines, "evaluation items", (at, fields) -> parse(at, fields, mode));
    }

    private static EvalItem parse(InputLine at, Map<String, Object> map, EvalMode mode) {
        JsonFields f = new JsonFields("item", map);
        Serializable id = ItemIds.of(map, at);
        int line = at.line();
        String instruction = f.requireString("instruction");
        List<Condition> conditions = Condition.parseList(f.optString("condition", ""));
        String kind = f.optString("kind", "all");
        if (mode == EvalMode.EXACT) {
            return new EvalItem(id, line, kind, instruction, f.requireString("response"), List.of(), -1, conditions);
        }
        if (!(map.get("choices") instanceof List) || ((List<?>) map.get("choices")).size() < 2) {
            throw new InvalidInputException("key choices: expected an array of at least two strings");
        }
        List<String> choices = ((List<?>) map.get("choices")).stream().map(String::valueOf).toList();
        return new EvalItem(id, line, kind, instruction, null, choices, answerIndex(map.get("answer"), choices.size()),
                conditions);
    }

    private static int answerIndex(Object answer, int n) {
        int index = -1;
        if (answer instanceof Long) {
            index = (int) (long) (Long) answer;
        } else if (answer instanceof String && ((String) answer).length() == 1) {
            index = Character.toUpperCase(((String) answer).charAt(0)) - 'A';
        }
        if (index < 0 || index >= n) {
            throw new InvalidInputException("key answer: expected a choice index in [0, " + n + ") or a letter, got " + answer);
        }
        return index;
    }

    /** The prompt of a multiple-choice item: the question, then one lettered line per choice. */
    public String choicePrompt() {
        StringBuilder sb = new StringBuilder(instruction);
        for (int i = 0; i < choices.size(); i++) {
            sb.append('\n').append((char) ('A' + i)).append(". ").append(choices.get(i));
        }
        return sb.append("\nAnswer:").toString();
    }
}
