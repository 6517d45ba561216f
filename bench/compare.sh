#!/usr/bin/env bash
# Runs rnn4j's benchmark suite and, when Debian's python3-torch is installed, PyTorch's on the same
# machine, then prints both side by side (ratio > 1: rnn4j is better).
#   bench/compare.sh [--threads N] [--only NAME,...] [--openblas-core NAME]
# (default: 2 threads, every workload and peak memory). OpenBLAS picks its kernels by CPU model; one
# older than the CPU falls back to a narrower kernel (Debian's 0.3.21 runs AVX2 "Haswell" kernels on
# Zen 5): --openblas-core SKYLAKEX makes PyTorch's side use its AVX-512 kernels (OPENBLAS_CORETYPE).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
threads=2
only=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --threads) threads="$2"; shift 2 ;;
    --only) only=(--only "$2"); shift 2 ;;
    --openblas-core) export OPENBLAS_CORETYPE="$2"; shift 2 ;;
    *) echo "usage: bench/compare.sh [--threads N] [--only NAME,...] [--openblas-core NAME]" >&2; exit 2 ;;
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
cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') (family $(grep -m1 'cpu family' /proc/cpuinfo | cut -d: -f2 | tr -d ' '), $(grep -qw avx512f /proc/cpuinfo && echo AVX-512 || echo AVX2))"
echo "machine: $cpu, $(nproc) cores; threads: $threads"
openblas_core="$(OPENBLAS_VERBOSE=2 /usr/bin/python3 -c 'import numpy' 2>&1 | sed -n 's/^Core: //p' | head -1)"
echo "first = rnn4j, second = PyTorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)' 2>/dev/null || echo '(absent)') (OpenBLAS kernels: ${openblas_core:-none found: numpy may use the slow reference BLAS, apt-get install libopenblas0-pthread})"
/usr/bin/python3 "$root/bench/compare.py" "$out/rnn4j.jsonl" "$out/pytorch.jsonl"
