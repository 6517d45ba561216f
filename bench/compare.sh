#!/usr/bin/env bash
# Runs rnn4j's benchmark suite and, when Debian's python3-torch is installed, PyTorch's on the same
# machine, then prints both side by side (ratio > 1: rnn4j is better).
#   bench/compare.sh [--threads N] [--only NAME,...]     (default: 2 threads, every workload and peak memory)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
threads=2
only=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --threads) threads="$2"; shift 2 ;;
    --only) only=(--only "$2"); shift 2 ;;
    *) echo "usage: bench/compare.sh [--threads N] [--only NAME,...]" >&2; exit 2 ;;
  esac
done
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

"$root/rnn4j" bench --json --threads "$threads" "${only[@]}" | tee "$out/rnn4j.jsonl" >&2
if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  /usr/bin/python3 "$root/bench/pytorch_bench.py" --threads "$threads" "${only[@]}" | tee "$out/pytorch.jsonl" >&2
else
  echo "python3-torch not installed (apt-get install python3-torch python3-numpy libopenblas0-pthread): rnn4j only" >&2
  : > "$out/pytorch.jsonl"
fi
# Peak memory on the same workload: charlm_train alone in a fresh process on each side.
rss_row() { printf '{"name": "peak_rss_charlm_train", "metric": "peak_rss_mb", "value": %s, "higher_is_better": false}\n' "$1"; }
if [[ ${#only[@]} -eq 0 ]]; then   # skipped with --only
  echo "peak memory: charlm_train alone in a fresh process on each side" >&2
  rss="$(/usr/bin/python3 "$root/bench/peak_rss.py" "$root/rnn4j" bench --json --threads "$threads" --only charlm_train 2>&1 >/dev/null | tail -1)"
  rss_row "$rss" | tee -a "$out/rnn4j.jsonl" >&2
  if [[ -s "$out/pytorch.jsonl" ]]; then
    rss="$(/usr/bin/python3 "$root/bench/peak_rss.py" /usr/bin/python3 "$root/bench/pytorch_bench.py" --threads "$threads" --only charlm_train 2>&1 >/dev/null | tail -1)"
    rss_row "$rss" | tee -a "$out/pytorch.jsonl" >&2
  fi
fi
echo
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores; threads: $threads"
echo "first = rnn4j, second = PyTorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)' 2>/dev/null || echo '(absent)')"
/usr/bin/python3 "$root/bench/compare.py" "$out/rnn4j.jsonl" "$out/pytorch.jsonl"
