#!/usr/bin/python3
# Provenance: copied unchanged from the shared rnn4j benchmark scripts (bench/compare.py).
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
