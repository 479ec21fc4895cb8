package org.hrmtext.tests.faults;

import static org.hrmtext.tests.faults.FaultCase.Group.PARAMETERS;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Bad command parameters: sampling settings out of range, stop or prompt ids outside the
 * vocabulary, token budgets of zero, unknown conditions, modes, formats and backends (the
 * training command lists only backends that can train), a GPU device on a machine without one
 * (no empty output folder left), and output paths that name an existing file or folder.
 */
final class ParameterFaults {
    private ParameterFaults() {
    }

    private static FaultCase generate(String name, Object[] extra, String... expected) {
        List<Object> args = new ArrayList<>(List.of("generate", "--model"));
        List<Object> more = new ArrayList<>(List.of(extra));
        for (String[] d : new String[][] {{"--prompt-ids", "1,4,10,11,2"}, {"--max-new-tokens", "4"}, {"--threads", "1"}}) {
            if (!more.contains(d[0])) {
                more.add(d[0]);
                more.add(d[1]);
            }
        }
        return FaultCase.of(PARAMETERS, "generate " + name, "generate", w -> new Object[] {"generate", "--model", w.model(),
            more.toArray()}, expected);
    }

    private static FaultCase score(String name, Object[] extra, String... expected) {
        return FaultCase.of(PARAMETERS, "score " + name, "score", w -> new Object[] {ModelFileFaults.score(w), extra}, expected);
    }

    private static FaultCase export(String name, Object[] extra, String... expected) {
        return FaultCase.of(PARAMETERS, "export-onnx " + name, "export-onnx", w -> new Object[] {"export-onnx", "--model",
            w.model(), "--out", w.out().resolve("m.onnx"), extra}, expected);
    }

    private static FaultCase prepare(String name, Object[] extra, String... expected) {
        return FaultCase.of(PARAMETERS, "prepare " + name, "prepare", w -> new Object[] {"prepare", "--input", w.text(), "--out",
            w.out().resolve("prepared"), extra}, expected);
    }

    private static FaultCase eval(String name, Object[] extra, String... expected) {
        return FaultCase.of(PARAMETERS, "eval " + name, "eval", w -> new Object[] {"eval", "--model", w.textModel(), "--data",
            w.write("items.jsonl", "{\"instruction\": \"red green\", \"response\": \"green red\"}\n"), "--results",
            w.out().resolve("results.jsonl"), extra}, expected);
    }

    private static Object[] a(Object... args) {
        return args;
    }

    static List<FaultCase> cases() {
        List<FaultCase> c = new ArrayList<>();
        c.add(generate("--stop-ids outside the vocabulary", a("--stop-ids", "3,500"), "stop token id 500", "97"));
        c.add(generate("--stop-ids negative", a("--stop-ids", "-1"), "stop token id -1"));
        c.add(generate("--stop-ids not a number", a("--stop-ids", "eoa"), "--stop-ids", "eoa"));
        c.add(generate("--prompt-ids outside the vocabulary", a("--prompt-ids", "1,4,500,2"), "500", "97"));
        c.add(generate("--prompt-ids negative", a("--prompt-ids", "1,-4,2"), "-4"));
        c.add(generate("--temperature negative", a("--temperature", "-0.5"), "temperature", "-0.5"));
        c.add(generate("--temperature NaN", a("--temperature", "NaN"), "temperature", "NaN"));
        c.add(generate("--top-p above 1", a("--temperature", "1", "--top-p", "1.5"), "top-p", "1.5"));
        c.add(generate("--top-p negative", a("--temperature", "1", "--top-p", "-0.1"), "top-p", "-0.1"));
        c.add(generate("--top-k negative", a("--temperature", "1", "--top-k", "-3"), "top-k", "-3"));
        c.add(generate("--min-p above 1", a("--temperature", "1", "--min-p", "1.5"), "min-p", "1.5"));
        c.add(generate("--max-new-tokens 0", a("--max-new-tokens", "0"), "max-new-tokens", "0"));
        c.add(generate("--max-new-tokens negative", a("--max-new-tokens", "-5"), "max-new-tokens", "-5"));
        c.add(generate("--max-new-tokens beyond the context", a("--max-new-tokens", "100000"), "100000"));
        c.add(generate("--threads negative", a("--threads", "-1"), "threads", "-1"));
        c.add(generate("--context negative", a("--context", "-8"), "context length", "-8"));
        c.add(generate("--context shorter than the prompt", a("--context", "3"), "context length 3"));
        c.add(generate("--guidance NaN", a("--guidance", "NaN"), "guidance", "NaN"));
        c.add(generate("--backend foo", a("--backend", "foo"), "foo", "djl"));
        c.add(generate("--device cuda without a GPU", a("--device", "cuda"), "cuda"));
        c.add(generate("--device tpu", a("--device", "tpu"), "tpu"));
        c.add(generate("--condition with --prompt-ids", a("--condition", "cot"), "--condition"));
        c.add(generate("--seed not a number", a("--seed", "lucky"), "--seed", "lucky"));
        c.add(FaultCase.of(PARAMETERS, "generate --prompt on a model without a tokenizer", "generate", w -> new Object[] {
            "generate", "--model", w.model(), "--prompt", "hello", "--threads", 1}, "{ws}/model", "--prompt-ids"));
        c.add(FaultCase.of(PARAMETERS, "generate unknown --condition", "generate", w -> new Object[] {"generate", "--model",
            w.textModel(), "--prompt", "red green", "--condition", "telepathy", "--max-new-tokens", 2, "--threads", 1},
            "telepathy"));
        c.add(FaultCase.of(PARAMETERS, "generate no prompt at all", "generate", w -> new Object[] {"generate", "--model",
            w.model()}, "--prompt"));
        c.add(score("--bp-steps 0", a("--bp-steps", "0"), "--bp-steps"));
        c.add(score("--backend foo", a("--backend", "foo"), "foo", "djl"));
        c.add(score("--threads negative", a("--threads", "-3"), "--threads"));
        c.add(score("unknown option", a("--tempreature", "1"), "--tempreature"));
        c.add(FaultCase.of(PARAMETERS, "score --out names a folder", "score", w -> new Object[] {"score", "--model", w.model(),
            "--batch", w.batch(), "--threads", 1, "--out", w.out()}, "{ws}/out", "is a folder"));
        c.add(FaultCase.of(PARAMETERS, "score --batch missing", "score", w -> new Object[] {"score", "--model", w.model(),
            "--batch", w.path("none.json"), "--out", w.out().resolve("s.json")}, "{ws}/none.json"));
        c.add(FaultCase.of(PARAMETERS, "score batch token id outside the vocabulary", "score", w -> {
            w.editJson(w.batch(), b -> {
                @SuppressWarnings("unchecked")
                List<Object> inputs = (List<Object>) b.get("inputs");
                inputs.set(3, 500L);
            });
            return ModelFileFaults.score(w);
        }, "{ws}/batch.json", "500"));
        c.add(FaultCase.of(PARAMETERS, "score batch arrays of different lengths", "score", w -> {
            w.editJson(w.batch(), b -> ((List<?>) b.get("labels")).remove(0));
            return ModelFileFaults.score(w);
        }, "{ws}/batch.json", "differ in length"));
        c.add(FaultCase.of(PARAMETERS, "train --backend foo lists only training backends", "train",
            w -> ConfigFaults.train(w, w.yaml(), "--backend", "foo"), "foo", "djl", "!onnx"));
        c.add(FaultCase.of(PARAMETERS, "train --backend onnx cannot train", "train",
            w -> ConfigFaults.train(w, w.yaml(), "--backend", "onnx"), "onnx"));
        c.add(FaultCase.of(PARAMETERS, "train on cuda without a GPU leaves no --out", "train",
            w -> ConfigFaults.train(w, w.yaml(), "--set", "backend.device=cuda"), "cuda"));
        c.add(FaultCase.of(PARAMETERS, "train --out names the user's file", "train", w -> new Object[] {"train", "--config",
            w.yaml(), "--data", w.ids(), "--out", w.notes()}, "{ws}/out/user-notes.txt"));
        c.add(FaultCase.of(PARAMETERS, "train --out below the user's file", "train", w -> new Object[] {"train", "--config",
            w.yaml(), "--data", w.ids(), "--out", w.notes().resolve("run")}, "{ws}/out/user-notes.txt"));
        c.add(FaultCase.of(PARAMETERS, "train --deterministic with --set backend.threads=2", "train",
            w -> ConfigFaults.train(w, w.yaml(), "--deterministic", "--set", "backend.threads=2"), "threads"));
        c.add(FaultCase.of(PARAMETERS, "sft --out names the user's file", "sft", w -> new Object[] {"sft", "--from",
            w.textModel(), "--data", w.text(), "--out", w.notes()}, "{ws}/out/user-notes.txt"));
        c.add(eval("--mode bogus", a("--mode", "bogus"), "bogus"));
        c.add(eval("unknown --condition", a("--condition", "telepathy"), "telepathy"));
        c.add(eval("--backend foo", a("--backend", "foo"), "foo"));
        c.add(eval("--threads negative", a("--threads", "-2"), "--threads"));
        c.add(FaultCase.of(PARAMETERS, "eval --results below the user's file", "eval", w -> new Object[] {"eval", "--model",
            w.textModel(), "--data", w.write("items.jsonl", "{\"instruction\": \"red\", \"response\": \"der\"}\n"),
            "--results", w.notes().resolve("r.jsonl")}, "{ws}/out/user-notes.txt", "is a file"));
        c.add(FaultCase.of(PARAMETERS, "eval --results names a folder", "eval", w -> new Object[] {"eval", "--model",
            w.textModel(), "--data", w.write("items.jsonl", "{\"instruction\": \"red\", \"response\": \"der\"}\n"),
            "--results", w.out()}, "{ws}/out", "is a folder"));
        c.add(FaultCase.of(PARAMETERS, "eval --data missing", "eval", w -> new Object[] {"eval", "--model", w.textModel(),
            "--data", w.path("none.jsonl"), "--results", w.out().resolve("r.jsonl")}, "{ws}/none.jsonl"));
        c.add(export("--opset 3", a("--opset", "3"), "--opset", "3"));
        c.add(export("--weights int3", a("--weights", "int3"), "--weights", "int3"));
        c.add(export("--kv-dtype f64", a("--kv-dtype", "f64"), "--kv-dtype", "f64"));
        c.add(export("--block-size 0", a("--weights", "int8", "--block-size", "0"), "--block-size"));
        c.add(export("--backend foo", a("--backend", "foo"), "foo"));
        c.add(FaultCase.of(PARAMETERS, "export-onnx --out names the user's file", "export-onnx", w -> new Object[] {
            "export-onnx", "--model", w.model(), "--out", w.notes()}, "--out {ws}/out/user-notes.txt", "not a model export"));
        c.add(FaultCase.of(PARAMETERS, "eval --results names the user's file", "eval", w -> new Object[] {"eval", "--model",
            w.textModel(), "--data", w.write("items.jsonl", "{\"instruction\": \"red\", \"response\": \"der\"}\n"),
            "--results", w.notes()}, "--results {ws}/out/user-notes.txt", "not an eval results file"));
        c.add(FaultCase.of(PARAMETERS, "score --out names the user's file", "score", w -> new Object[] {"score", "--model",
            w.model(), "--batch", w.batch(), "--threads", 1, "--out", w.notes()}, "--out {ws}/out/user-notes.txt",
            "not a score report"));
        c.add(FaultCase.of(PARAMETERS, "score --logits names the user's file", "score", w -> new Object[] {"score", "--model",
            w.model(), "--batch", w.batch(), "--threads", 1, "--logits", w.notes()}, "--logits {ws}/out/user-notes.txt",
            "not a logits file"));
        c.add(FaultCase.of(PARAMETERS, "export-onnx --out names the user's safetensors", "export-onnx", w -> new Object[] {
            "export-onnx", "--model", w.model(), "--out", Files.copy(w.weights(), w.out().resolve("mine.onnx"))},
            "not a model export"));
        c.add(FaultCase.of(PARAMETERS, "export-onnx beside another model's tokenizer", "export-onnx", w -> {
            Files.writeString(w.out().resolve("tokenizer_info.json"), "{\"type\": \"huggingface\"}\n");
            return new Object[] {"export-onnx", "--model", w.textModel(), "--out", w.out().resolve("m.onnx")};
        }, "{ws}/out/tokenizer_info.json", "differs"));
        c.add(FaultCase.of(PARAMETERS, "export-onnx --out names a folder", "export-onnx", w -> new Object[] {"export-onnx",
            "--model", w.model(), "--out", w.out()}, "{ws}/out"));
        c.add(FaultCase.of(PARAMETERS, "export-onnx --out below the user's file", "export-onnx", w -> new Object[] {
            "export-onnx", "--model", w.model(), "--out", w.notes().resolve("m.onnx")}, "{ws}/out/user-notes.txt", "is a file"));
        c.add(FaultCase.of(PARAMETERS, "score --logits below the user's file", "score", w -> new Object[] {"score", "--model",
            w.model(), "--batch", w.batch(), "--threads", 1, "--logits", w.notes().resolve("l.safetensors")},
            "{ws}/out/user-notes.txt", "is a file"));
        c.add(FaultCase.of(PARAMETERS, "export-hf --out names the user's file", "export-hf", w -> new Object[] {"export-hf",
            "--model", w.model(), "--out", w.notes()}, "{ws}/out/user-notes.txt", "is a file"));
        c.add(prepare("--epochs 0", a("--epochs", "0"), "--epochs"));
        c.add(prepare("--max-len negative", a("--max-len", "-1"), "--max-len"));
        c.add(prepare("--on-error bogus", a("--on-error", "bogus"), "--on-error", "bogus"));
        c.add(prepare("--overlong bogus", a("--overlong", "bogus"), "--overlong", "bogus"));
        c.add(prepare("--format bogus", a("--format", "bogus"), "--format", "bogus"));
        c.add(prepare("--tokenizer bogus", a("--tokenizer", "bogus"), "bogus"));
        c.add(prepare("--context-size not a number", a("--format", "v1", "--context-size", "abc"), "--context-size"));
        c.add(FaultCase.of(PARAMETERS, "prepare --out names the user's file", "prepare", w -> new Object[] {"prepare", "--input",
            w.text(), "--out", w.notes()}, "{ws}/out/user-notes.txt"));
        c.add(FaultCase.of(PARAMETERS, "generate-batch --max-new-tokens 0", "generate-batch", w -> new Object[] {
            "generate-batch", "--model", w.textModel(), "--input", w.write("p.jsonl", "{\"id\": 1, \"prompt\": \"red\"}\n"),
            "--output", w.out().resolve("gen.jsonl"), "--max-new-tokens", 0}, "max-new-tokens", "0"));
        c.add(FaultCase.of(PARAMETERS, "generate-batch --output names the user's file", "generate-batch", w -> new Object[] {
            "generate-batch", "--model", w.textModel(), "--input", w.write("p.jsonl", "{\"id\": 1, \"prompt\": \"red\"}\n"),
            "--output", w.notes()}, "{ws}/out/user-notes.txt"));
        c.add(FaultCase.of(PARAMETERS, "unknown command", "", w -> new Object[] {"frobnicate"}, "frobnicate"));
        return c;
    }
}
