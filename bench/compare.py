#!/usr/bin/python3
# Provenance: from the shared rnn4j benchmark scripts (bench/compare.py); the cross-workload ratios at the end added here.
"""Side-by-side table of two benchmark outputs (JSON lines with name/metric/value/higher_is_better):
    compare.py RNN4J.jsonl PYTORCH.jsonl
prints one row per workload with both figures and the ratio (>1 means the first is better)."""
import json, sys
def load(p):
    return {r["name"]: r for r in (json.loads(l) for l in open(p) if l.strip().startswith("{"))}
a, b = load(sys.argv[1]), load(sys.argv[2])
print("%-20s %-12s %12s %12s %8s" % ("workload", "metric", "first", "second", "ratio"))
for n in sorted(set(a) | set(b)):
    x, y = a.get(n), b.get(n)
    if not x or not y:
        print("%-20s %-12s %12s %12s %8s" % (n, (x or y)["metric"], x and x["value"], y and y["value"], "-")); continue
    r = x["value"] / y["value"] if x.get("higher_is_better", True) else y["value"] / x["value"]
    print("%-20s %-12s %12.1f %12.1f %8.2f" % (n, x["metric"], x["value"], y["value"], r))
# Ratios across workloads: reduced-precision and batched sampling against PyTorch's batch-1 sampling.
base = b.get("charlm_sample")
extra = [n for n in ("charlm_sample_bf16", "charlm_sample_int8", "charlm_sample_batch64", "charlm_sample_batch64_int8") if n in a]
if base and extra:
    print()
    for n in extra:
        print("%-34s %12.1f vs PyTorch charlm_sample %10.1f  ratio %6.2f" % (n, a[n]["value"], base["value"], a[n]["value"] / base["value"]))
