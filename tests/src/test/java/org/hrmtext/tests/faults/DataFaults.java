package org.hrmtext.tests.faults;

import static org.hrmtext.tests.faults.FaultCase.Group.DATA;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Broken data: token-id JSONL and text JSONL lines that are not JSON, lack a field, have a field
 * of the wrong type, token ids outside the vocabulary, invalid UTF-8 or random bytes, an empty
 * file; V1 dataset folders with a missing, truncated or mis-typed {@code .npy}; eval items and
 * generate-batch inputs with bad lines. Refused by {@code train}, {@code prepare}, {@code eval}
 * and {@code generate-batch}, naming the file and line.
 */
final class DataFaults {
    static final String GOOD = "{\"instruction_ids\": [1, 4, 10, 11, 2], \"response_ids\": [11, 10, 3]}";
    static final String GOOD_TEXT = "{\"instruction\": \"red green\", \"response\": \"green red\", \"condition\": \"direct\"}";

    private DataFaults() {
    }

    private static Object[] train(Workspace w, Path data) {
        return new Object[] {"train", "--config", w.yaml(), "--data", data, "--out", w.out().resolve("run")};
    }

    /** {@code train} on token-id lines; the message names variant.jsonl and each part. */
    private static FaultCase ids(String name, String[] lines, String... expected) {
        return FaultCase.of(DATA, "token ids: " + name, "train", w -> train(w, w.lines(lines)), prefixed("{ws}/variant.jsonl",
                expected));
    }

    private static FaultCase idBytes(String name, byte[] bytes, String... expected) {
        return FaultCase.of(DATA, "token ids: " + name, "train", w -> train(w, w.writeBytes("variant.jsonl", bytes)),
                prefixed("{ws}/variant.jsonl", expected));
    }

    private static FaultCase text(String name, String[] lines, String... expected) {
        return FaultCase.of(DATA, "text: " + name, "train", w -> train(w, w.write("variant.jsonl", String.join("\n", lines) + "\n")),
                prefixed("{ws}/variant.jsonl", expected));
    }

    private static FaultCase prepare(String name, byte[] bytes, String... expected) {
        return FaultCase.of(DATA, "prepare: " + name, "prepare", w -> new Object[] {"prepare", "--input",
                w.writeBytes("input.jsonl", bytes), "--out", w.out().resolve("prepared")}, prefixed("{ws}/input.jsonl", expected));
    }

    private static FaultCase v1(String name, FaultCase.Edit edit, String... expected) {
        return FaultCase.of(DATA, "V1 folder: " + name, "train", w -> {
            edit.apply(w);
            return train(w, w.v1());
        }, expected);
    }

    private static FaultCase eval(String name, String lines, String... expected) {
        return FaultCase.of(DATA, "eval items: " + name, "eval", w -> new Object[] {"eval", "--model", w.textModel(), "--data",
                w.write("items.jsonl", lines), "--results", w.out().resolve("results.jsonl")}, prefixed("{ws}/items.jsonl",
                expected));
    }

    static String[] prefixed(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    private static final byte[] BOM = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
    private static final byte[] BAD_UTF8 = {(byte) 0xc3, (byte) 0x28, (byte) 0xff};

    static List<FaultCase> cases() {
        List<FaultCase> c = new ArrayList<>();
        c.add(ids("line not JSON", new String[] {GOOD, "{\"instruction_ids\": [1, 4, 10"}, "line 2", "invalid JSON"));
        c.add(ids("line a JSON array", new String[] {"[1, 4, 10, 2]"}, "line 1"));
        c.add(ids("line a JSON number", new String[] {GOOD, GOOD, "42"}, "line 3"));
        c.add(ids("response_ids missing", new String[] {"{\"instruction_ids\": [1, 4, 10, 2]}"}, "line 1", "response_ids"));
        c.add(ids("instruction_ids missing", new String[] {GOOD, "{\"response_ids\": [10, 3]}"}, "line 2", "instruction_ids"));
        c.add(ids("instruction_ids a string", new String[] {"{\"instruction_ids\": \"1 4 10\", \"response_ids\": [10, 3]}"},
                "line 1", "instruction_ids"));
        c.add(ids("id a string", new String[] {"{\"instruction_ids\": [1, \"4\", 10, 2], \"response_ids\": [10, 3]}"}, "line 1",
                "instruction_ids"));
        c.add(ids("id negative", new String[] {"{\"instruction_ids\": [1, 4, -10, 2], \"response_ids\": [10, 3]}"}, "line 1",
                "-10"));
        c.add(ids("id outside the vocabulary", new String[] {GOOD, GOOD,
            "{\"instruction_ids\": [1, 4, 10, 2], \"response_ids\": [10, 900, 3]}"}, "line 3", "900", "vocabulary"));
        c.add(ids("id huge", new String[] {"{\"instruction_ids\": [1, 4, 99999999999, 2], \"response_ids\": [10, 3]}"}, "line 1",
                "99999999999"));
        c.add(ids("id fractional", new String[] {"{\"instruction_ids\": [1, 4, 10.5, 2], \"response_ids\": [10, 3]}"}, "line 1",
                "10.5"));
        c.add(ids("response_ids null", new String[] {"{\"instruction_ids\": [1, 4, 10, 2], \"response_ids\": null}"}, "line 1",
                "response_ids"));
        c.add(ids("line longer than seq_len", new String[] {GOOD, "{\"instruction_ids\": [1, 4, "
                + "10, ".repeat(200) + "2], \"response_ids\": [10, 3]}"}, "204 tokens", "64"));
        c.add(ids("only blank lines", new String[] {"", "  ", ""}, "no samples"));
        c.add(idBytes("empty file", new byte[0], "no samples"));
        c.add(idBytes("random bytes", random(3000, 1), "UTF-8"));
        c.add(idBytes("invalid UTF-8 on line 3", concat(utf8(GOOD + "\n" + GOOD + "\n{\"instruction_ids\": [1], \"x\": \""),
                BAD_UTF8, utf8("\"}\n")), "line 3", "UTF-8"));
        c.add(idBytes("BOM and a bad line 2", concat(BOM, utf8(GOOD + "\n{oops}\n")), "line 2"));
        c.add(idBytes("NUL bytes in a line", concat(utf8(GOOD + "\n"), new byte[] {0, 0, 0}, utf8("\n")), "line 2"));
        c.add(idBytes("mixed token ids and text", utf8(GOOD + "\n" + GOOD_TEXT + "\n"), "line 2"));
        c.add(FaultCase.of(DATA, "data file missing", "train", w -> train(w, w.path("gone.jsonl")), "{ws}/gone.jsonl"));
        c.add(FaultCase.of(DATA, "data an empty folder", "train", w -> train(w, Files.createDirectories(w.path("empty-data"))),
                "{ws}/empty-data"));
        c.add(FaultCase.of(DATA, "data a model folder", "train", w -> train(w, w.model()), "{ws}/model"));
        c.add(text("line not JSON", new String[] {GOOD_TEXT, "{\"instruction\": \"red"}, "line 2", "invalid JSON"));
        c.add(text("instruction missing", new String[] {GOOD_TEXT, "{\"response\": \"red\"}"}, "line 2", "instruction"));
        c.add(text("response a number", new String[] {"{\"instruction\": \"red\", \"response\": 5}"}, "line 1", "response"));
        c.add(text("unknown condition", new String[] {"{\"instruction\": \"red\", \"response\": \"der\", \"condition\": "
                + "\"telepathy\"}"}, "line 1", "telepathy"));
        c.add(FaultCase.of(DATA, "text: invalid UTF-8 on line 2", "train", w -> train(w, w.writeBytes("variant.jsonl", concat(
                utf8(GOOD_TEXT + "\n{\"instruction\": \""), BAD_UTF8, utf8("\", \"response\": \"x\"}\n")))),
                "{ws}/variant.jsonl", "line 2", "UTF-8"));
        c.add(FaultCase.of(DATA, "text: --tokenizer file missing", "train", w -> new Object[] {"train", "--config", w.yaml(),
                "--data", w.text(), "--out", w.out().resolve("run"), "--tokenizer", w.path("tok.json")}, "{ws}/tok.json"));
        c.add(FaultCase.of(DATA, "text: --tokenizer not a tokenizer.json", "train", w -> new Object[] {"train", "--config",
                w.yaml(), "--data", w.text(), "--out", w.out().resolve("run"), "--tokenizer", w.write("tok.json", "{\"x\": 1}")},
                "{ws}/tok.json"));
        c.add(prepare("line not JSON", utf8(GOOD_TEXT + "\n{bad\n"), "line 2"));
        c.add(prepare("response missing", utf8(GOOD_TEXT + "\n{\"instruction\": \"x\"}\n"), "line 2", "response"));
        c.add(prepare("random bytes", random(2000, 2), "UTF-8"));
        c.add(prepare("empty file", new byte[0], "no usable samples"));
        c.add(prepare("unknown condition", utf8("{\"instruction\": \"a\", \"response\": \"b\", \"condition\": \"psychic\"}\n"),
                "line 1", "psychic"));
        c.add(prepare("token-id lines", utf8(GOOD + "\n"), "line 1"));
        c.add(FaultCase.of(DATA, "prepare: --input missing", "prepare", w -> new Object[] {"prepare", "--input",
                w.path("gone.jsonl"), "--out", w.out().resolve("prepared")}, "{ws}/gone.jsonl"));
        c.add(v1("tokens.npy missing", w -> {
            Files.delete(w.v1().resolve("tokens.npy"));
            return null;
        }, "tokens.npy"));
        c.add(v1("epoch_0/resp_len.npy missing", w -> {
            Files.delete(w.v1().resolve("epoch_0").resolve("resp_len.npy"));
            return null;
        }, "resp_len.npy"));
        c.add(v1("epoch_0 missing", w -> {
            try (var s = Files.list(w.v1().resolve("epoch_0"))) {
                for (Path p : s.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(w.v1().resolve("epoch_0"));
            return null;
        }, "epoch_0"));
        c.add(v1("tokens.npy of int64 (expected int32)", w -> {
            Files.copy(w.v1().resolve("epoch_0").resolve("inst_start.npy"), w.v1().resolve("tokens.npy"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return null;
        }, "tokens.npy"));
        c.add(v1("inst_len.npy of int32 (expected int64)", w -> {
            Files.copy(w.v1().resolve("tokens.npy"), w.v1().resolve("epoch_0").resolve("inst_len.npy"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return null;
        }, "inst_len.npy"));
        c.add(v1("tokens.npy not an npy file", w -> Files.write(w.v1().resolve("tokens.npy"), random(500, 9)), "tokens.npy"));
        c.add(v1("tokens.npy truncated", w -> {
            Path t = w.v1().resolve("tokens.npy");
            w.truncate(t, w.size(t) - 7);
            return null;
        }, "tokens.npy"));
        c.add(v1("inst_start.npy empty", w -> Files.write(w.v1().resolve("epoch_0").resolve("inst_start.npy"), new byte[0]),
                "inst_start.npy"));
        c.add(v1("metadata json missing", w -> {
            try (var s = Files.list(w.v1())) {
                for (Path p : s.filter(p -> p.toString().endsWith(".json")).toList()) {
                    Files.delete(p);
                }
            }
            return null;
        }, "{ws}/v1"));
        c.add(eval("line not JSON", "{\"instruction\": \"red\", \"response\": \"x\"}\n{nope\n", "line 2"));
        c.add(eval("instruction missing", "{\"response\": \"x\"}\n", "line 1", "instruction"));
        c.add(FaultCase.of(DATA, "eval items: choice answer out of range", "eval", w -> new Object[] {"eval", "--model",
            w.textModel(), "--mode", "choice", "--data", w.write("items.jsonl",
                    "{\"instruction\": \"pick\", \"choices\": [\"a\", \"b\"], \"answer\": 5}\n"),
            "--results", w.out().resolve("results.jsonl")}, "{ws}/items.jsonl", "line 1", "answer"));
        c.add(eval("empty file", "", "items.jsonl"));
        c.add(FaultCase.of(DATA, "generate-batch input: line not JSON", "generate-batch", w -> new Object[] {"generate-batch",
            "--model", w.textModel(), "--input", w.write("prompts.jsonl", "{\"id\": 1, \"prompt\": \"red\"}\n{bad\n"),
            "--output", w.out().resolve("gen.jsonl")}, "{ws}/prompts.jsonl", "line 2"));
        c.add(FaultCase.of(DATA, "generate-batch input: unknown condition", "generate-batch", w -> new Object[] {
            "generate-batch", "--model", w.textModel(), "--input", w.write("prompts.jsonl",
                    "{\"id\": 1, \"prompt\": \"red\", \"condition\": \"psychic\"}\n"),
            "--output", w.out().resolve("gen.jsonl")}, "{ws}/prompts.jsonl", "psychic"));
        c.add(FaultCase.of(DATA, "generate-batch input: prompt missing", "generate-batch", w -> new Object[] {
            "generate-batch", "--model", w.textModel(), "--input", w.write("prompts.jsonl", "{\"id\": 1}\n"),
            "--output", w.out().resolve("gen.jsonl")}, "{ws}/prompts.jsonl", "prompt"));
        return c;
    }
}
