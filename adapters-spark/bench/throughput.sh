#!/usr/bin/env bash
# Measures hrm prepare (tokens/s, local vs --engine spark on local[2]) on a generated JSONL of about
# SIZE_MB megabytes, and generate-batch / eval on Spark vs locally with a tiny trained ONNX model.
# Run from the repository root after mvn package, under the shared heavy lock:
#   flock /tmp/hrm-heavy.lock adapters-spark/bench/throughput.sh [SIZE_MB] [WORK_DIR]
# The generated input and outputs are deleted at the end.
set -euo pipefail
size_mb="${1:-1024}"
work="${2:-$(mktemp -d /tmp/hrm-spark-bench.XXXXXX)}"
hrm="$(cd "$(dirname "$0")/../.." && pwd)/bin/hrm"
export JAVA_OPTS="${JAVA_OPTS:--Xmx6g}"
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT

python3 - "$work/pairs.jsonl" "$size_mb" <<'PY'
import json, random, sys
path, size = sys.argv[1], int(sys.argv[2]) * 1024 * 1024
rng = random.Random(0)
words = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9))) for _ in range(5000)]
written = 0
with open(path, "w") as f:
    while written < size:
        inst = " ".join(rng.choice(words) for _ in range(rng.randint(8, 60)))
        resp = " ".join(rng.choice(words) for _ in range(rng.randint(4, 120)))
        line = json.dumps({"instruction": inst, "response": resp, "condition": rng.choice(["direct", "cot"])}) + "\n"
        f.write(line)
        written += len(line)
PY
echo "input: $(du -m "$work/pairs.jsonl" | cut -f1) MB, $(wc -l < "$work/pairs.jsonl") lines"

run() { # label, then the command; prints wall seconds and the prepared tokens
  local label="$1"; shift
  local start end
  start=$(date +%s.%N)
  "$@" --json > "$work/$label.json"
  end=$(date +%s.%N)
  local tokens
  tokens=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['tokens'])" "$work/$label.json")
  python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); t=int(sys.argv[3]); print(f'$label: {t} tokens in {s:.1f} s = {t/s:,.0f} tokens/s')" "$start" "$end" "$tokens"
}

run prepare-local "$hrm" prepare --input "$work/pairs.jsonl" --out "$work/local" --epochs 1
rm -rf "$work/local"
run prepare-spark-local2 "$hrm" prepare --input "$work/pairs.jsonl" --out "$work/spark" --epochs 1 --engine spark --master 'local[2]'
rm -rf "$work/spark" "$work/pairs.jsonl"

# Batch generation: a tiny model trained for a few steps, exported to ONNX, 256 prompts.
python3 - "$work" <<'PY'
import json, sys
w = sys.argv[1]
with open(f"{w}/train.jsonl", "w") as f, open(f"{w}/prompts.jsonl", "w") as p, open(f"{w}/items.jsonl", "w") as e:
    for i in range(256):
        d = str(100000 + i * 7919)
        f.write(json.dumps({"instruction": "reverse " + d, "response": d[::-1], "condition": "direct"}) + "\n")
        p.write(json.dumps({"id": i, "prompt": "reverse " + d, "condition": "direct"}) + "\n")
        e.write(json.dumps({"instruction": "reverse " + d, "response": d[::-1]}) + "\n")
PY
printf 'model: {preset: tiny}\ntrain: {steps: 2, seq_len: 64, rows: 8, seed: 0, log_every: 1, checkpoint_every: 2}\nbackend: {train: djl, threads: 2}\n' > "$work/tiny.yaml"
"$hrm" train --config "$work/tiny.yaml" --data "$work/train.jsonl" --out "$work/model" > /dev/null 2>&1
"$hrm" export-onnx --model "$work/model" --out "$work/onnx/model.onnx" > /dev/null

gen() {
  local label="$1"; shift
  local start end
  start=$(date +%s.%N)
  "$hrm" generate-batch --model "$work/onnx/model.onnx" --input "$work/prompts.jsonl" --max-new-tokens 16 --json "$@" > "$work/$label.json" 2>/dev/null
  end=$(date +%s.%N)
  python3 -c "import json,sys; r=json.load(open(sys.argv[1])); s=float(sys.argv[3])-float(sys.argv[2]); print(f\"$label: {r['prompts']} prompts, {r['tokens']} new tokens in {s:.1f} s = {r['prompts']/s:.1f} prompts/s, {r['tokens']/s:.0f} tokens/s\")" "$work/$label.json" "$start" "$end"
}
gen generate-local --output "$work/gen-local" --threads 2
gen generate-spark-local2 --output "$work/gen-spark" --threads 1 --engine spark --master 'local[2]'
cmp "$work/gen-local/results.jsonl" "$work/gen-spark/results.jsonl" && echo "generate-batch: Spark results equal local results"

for engine in local spark; do
  start=$(date +%s.%N)
  "$hrm" eval --model "$work/onnx/model.onnx" --data "$work/items.jsonl" --condition direct --results "$work/eval-$engine.jsonl" \
    --engine "$engine" --master 'local[2]' --json > /dev/null 2>&1
  end=$(date +%s.%N)
  python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); print(f'eval-$engine: 256 items in {s:.1f} s = {256/s:.1f} items/s')" "$start" "$end"
done
cmp "$work/eval-local.jsonl" "$work/eval-spark.jsonl" && echo "eval: Spark results equal local results"
