#!/usr/bin/python3
# Provenance: from the shared rnn4j benchmark scripts (bench/compare.py); the cross-workload ratios at the end and
# the paired rounds added here.
"""Side-by-side table of two benchmark outputs (JSON lines with name/metric/value/higher_is_better):
    compare.py RNN4J.jsonl PYTORCH.jsonl
    compare.py RNN4J.1.jsonl,RNN4J.2.jsonl,... PYTORCH.1.jsonl,PYTORCH.2.jsonl,...
    compare.py SAVED.rnn4j.jsonl SAVED.pytorch.jsonl     (files saved by compare.sh --rounds: lines carry "round")
prints one row per workload with both figures and the ratio (>1 means the first is better). With several
rounds (comma-separated files, round i of one side run right after round i of the other), each figure is the
median over the rounds and the ratio is the median of the per-round ratios, with their range: on a machine
whose speed drifts (a shared VM), a ratio of two runs taken minutes apart says less than ratios of neighbours."""
import json, statistics, sys

def load_rounds(p):
    """One dict per round: a file saved by compare.sh --rounds holds every round, each line with its "round"."""
    rounds = {}
    for r in (json.loads(l) for l in open(p) if l.strip().startswith("{")):
        rounds.setdefault(r.get("round", 1), {})[r["name"]] = r
    return [rounds[k] for k in sorted(rounds)]

def ratio(x, y):
    return x["value"] / y["value"] if x.get("higher_is_better", True) else y["value"] / x["value"]

A = [r for p in sys.argv[1].split(",") for r in load_rounds(p)]
B = [r for p in sys.argv[2].split(",") for r in load_rounds(p)]
rounds = max(len(A), len(B))
names = sorted(set().union(*A, *B))

def median_value(side, n):
    values = [r[n]["value"] for r in side if n in r]
    return statistics.median(values) if values else None

def fmt(v):
    return "None" if v is None else "%.1f" % v

def paired(n, m=None):
    """Per-round ratios of workload n (first side) against workload m (second side, default n)."""
    m = m or n
    return [ratio(a[n], b[m]) for a, b in zip(A, B) if n in a and m in b]

if rounds > 1:
    print("%d rounds, the two sides alternating; figures are medians over the rounds, the ratio is the median of the"
          " per-round ratios [their range]" % rounds)
print("%-20s %-12s %12s %12s %8s" % ("workload", "metric", "first", "second", "ratio"))
for n in names:
    x, y = median_value(A, n), median_value(B, n)
    metric = next(r[n]["metric"] for r in A + B if n in r)
    rs = paired(n)
    if x is None or y is None or not rs:
        print("%-20s %-12s %12s %12s %8s" % (n, metric, fmt(x), fmt(y), "-"))
        continue
    spread = "  [%.2f-%.2f]" % (min(rs), max(rs)) if len(rs) > 1 else ""
    print("%-20s %-12s %12.1f %12.1f %8.2f%s" % (n, metric, x, y, statistics.median(rs), spread))
def cross(names, base, label, own=False):
    """Workloads of the first side against one workload of the second (or, with own, of the first), round by
    round."""
    present = [n for n in names if any(n in a for a in A)]
    side = A if own else B
    against = median_value(side, base)
    if not against or not present:
        return
    print()
    for n in present:
        rs = [a[n]["value"] / b[base]["value"] for a, b in zip(A, side) if n in a and base in b]
        spread = "  [%.2f-%.2f]" % (min(rs), max(rs)) if len(rs) > 1 else ""
        print("%-34s %12.1f vs %-26s %10.1f  ratio %6.2f%s"
              % (n, median_value(A, n), label, against, statistics.median(rs), spread))

# Reduced-precision and batched sampling against PyTorch's batch-1 sampling; the layers and the GEMM against
# OpenBLAS's sgemm (PyTorch's side, numpy), whose target is 100% of it.
cross(("charlm_sample_bf16", "charlm_sample_int8", "charlm_sample_batch64", "charlm_sample_batch64_int8"),
      "charlm_sample", "PyTorch charlm_sample")
cross(("lstm_layer", "gru_layer", "sgemm"), "sgemm", "OpenBLAS sgemm")
# The layers against this side's own sgemm in the same round: what the gates, the per-step products and the packing
# of a layer cost beyond one large product (the layers' target above needs the GEMM ahead of OpenBLAS by that much).
cross(("lstm_layer", "gru_layer"), "sgemm", "own sgemm", own=True)
