#!/usr/bin/env bash
# Runs rnn4j's benchmark suite and, when Debian's python3-torch is installed, PyTorch's on the same
# machine, then prints both side by side (ratio > 1: rnn4j is better).
#   bench/compare.sh [--threads N] [--only NAME,...] [--openblas-core NAME] [--save DIR]
# (default: 2 threads, every workload and peak memory). --save DIR keeps the raw JSON lines of both sides
# and the table in DIR, named by date, CPU model (lscpu) and commit. OpenBLAS picks its kernels by CPU model; one
# older than the CPU falls back to a narrower kernel (Debian's 0.3.21 runs AVX2 "Haswell" kernels on
# Zen 5): --openblas-core SKYLAKEX makes PyTorch's side use its AVX-512 kernels (OPENBLAS_CORETYPE).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
threads=2
only=()
save=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --threads) threads="$2"; shift 2 ;;
    --only) only=(--only "$2"); shift 2 ;;
    --openblas-core) export OPENBLAS_CORETYPE="$2"; shift 2 ;;
    --save) save="$2"; shift 2 ;;
    *) echo "usage: bench/compare.sh [--threads N] [--only NAME,...] [--openblas-core NAME] [--save DIR]" >&2; exit 2 ;;
  esac
done
out="$(mktemp -d)"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
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
openblas_core="$(OPENBLAS_VERBOSE=2 /usr/bin/python3 -c 'import numpy' 2>&1 | sed -n 's/^Core: //p' | head -1)"
{
  echo "machine: $cpu, $(nproc) cores; threads: $threads"
  echo "first = rnn4j, second = PyTorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)' 2>/dev/null || echo '(absent)') (OpenBLAS kernels: ${openblas_core:-none found: numpy may use the slow reference BLAS, apt-get install libopenblas0-pthread})"
  /usr/bin/python3 "$root/bench/compare.py" "$out/rnn4j.jsonl" "$out/pytorch.jsonl"
} | tee "$out/table.txt"
if [[ -n "$save" ]]; then
  mkdir -p "$save"
  model="$(lscpu | sed -n 's/^Model name: *//p' | head -1 | tr -cs 'A-Za-z0-9' '-' | sed 's/-*$//')"
  family="$(grep -m1 'cpu family' /proc/cpuinfo | cut -d: -f2 | tr -d ' ')"
  commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet HEAD 2>/dev/null || echo -dirty)"
  name="$(date -u +%Y-%m-%dT%H%M)-${model}-family${family}-openblas-${openblas_core:-none}-${commit}"
  cp "$out/rnn4j.jsonl" "$save/$name.rnn4j.jsonl"
  cp "$out/pytorch.jsonl" "$save/$name.pytorch.jsonl"
  { echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit: $commit; load average before: ${load_before:-?}"; cat "$out/table.txt"; } > "$save/$name.table.txt"
  echo "saved: $save/$name.{rnn4j.jsonl,pytorch.jsonl,table.txt}" >&2
fi
