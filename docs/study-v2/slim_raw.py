"""Slims a protocol-v2 raw.jsonl to what `hrm study gradients --report-from` reads, for committing.

Kept: every record's kind/run/arch/seed/step/batch/cell; training steps' loss, credit, samples and
stats.all.mean_abs (spikes); per grid cell the L2 norms of the embedding and the head only (the
stack tensors are covered by their moments) and per stack/embedding/head tensor n, zeros,
mean_abs, log_std, median_abs, p99_abs; jacobian and depth records whole. Dropped: per-group
element statistics of grid cells, stack-tensor L2 norms, log_mean. Floats rounded to 4
significant digits. Usage: python3 slim_raw.py raw.jsonl | gzip -9 > raw.jsonl.gz
"""
import json
import sys

KEEP_NORMS = ("model.embed_tokens.weight", "lm_head.weight")
KEEP_MOMENTS = ("n", "zeros", "mean_abs", "log_std", "median_abs", "p99_abs")


def r(x):
    if isinstance(x, float):
        return float(f"{x:.4g}")
    if isinstance(x, list):
        return [r(v) for v in x]
    if isinstance(x, dict):
        return {k: r(v) for k, v in x.items()}
    return x


for line in open(sys.argv[1], encoding="utf-8"):
    try:
        rec = json.loads(line)
    except json.JSONDecodeError:
        break  # a last line cut off mid-write
    kind = rec["kind"]
    if kind == "step":
        all_stats = rec.get("stats", {}).get("all", {})
        rec = {k: rec[k] for k in ("kind", "run", "arch", "seed", "step", "credit", "loss", "samples") if k in rec}
        if "mean_abs" in all_stats:
            rec["stats"] = {"all": {"mean_abs": all_stats["mean_abs"]}}
    elif kind == "grad":
        rec.pop("stats", None)
        rec["norms"] = {k: v for k, v in rec["norms"].items() if k in KEEP_NORMS}
        rec["tensors"] = {t: {k: m[k] for k in KEEP_MOMENTS} for t, m in rec.get("tensors", {}).items()}
    sys.stdout.write(json.dumps(r(rec), separators=(",", ":"), ensure_ascii=False) + "\n")
