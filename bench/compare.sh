#!/usr/bin/env bash
# Runs rnn4j's benchmark suite and, when Debian's python3-torch is installed, PyTorch's on the same
# machine, then prints both side by side (ratio > 1: rnn4j is better).
#   bench/compare.sh [--threads N] [--only NAME,...] [--rounds N] [--openblas-core NAME] [--avx2-only] [--save DIR]
# (default: 2 threads, every workload and peak memory, one round). --rounds N alternates the two sides N times
# and reports medians and the median of the per-round ratios with their range: on a shared VM whose speed drifts
# from minute to minute, a ratio of neighbouring runs is the one to trust. --save DIR keeps the raw JSON lines of both sides
# and the table in DIR, named by date, CPU model (lscpu) and commit. OpenBLAS picks its kernels by CPU model; one
# older than the CPU falls back to a narrower kernel (Debian's 0.3.21 runs AVX2 "Haswell" kernels on
# Zen 5): --openblas-core SKYLAKEX makes PyTorch's side use its AVX-512 kernels (OPENBLAS_CORETYPE).
# --avx2-only measures both sides' AVX2 code on an AVX-512 CPU: the JVM with -XX:UseAVX=2 (256-bit vectors, 16
# registers: rnn4j's AVX2 tiles), OpenBLAS's Haswell kernels, PyTorch's own kernels and oneDNN capped at AVX2.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
threads=2
only=()
save=""
rounds=1
isa=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --threads) threads="$2"; shift 2 ;;
    --only) only=(--only "$2"); shift 2 ;;
    --openblas-core) export OPENBLAS_CORETYPE="$2"; shift 2 ;;
    --save) save="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --avx2-only) isa=avx2; shift ;;
    *) echo "usage: bench/compare.sh [--threads N] [--only NAME,...] [--rounds N] [--openblas-core NAME] [--avx2-only]" \
            "[--save DIR]" >&2
       exit 2 ;;
  esac
done
if [[ $isa == avx2 ]]; then
  export JAVA_TOOL_OPTIONS="${JAVA_TOOL_OPTIONS:+$JAVA_TOOL_OPTIONS }-XX:UseAVX=2" OPENBLAS_CORETYPE=HASWELL \
    ATEN_CPU_CAPABILITY=avx2 DNNL_MAX_CPU_ISA=AVX2 ONEDNN_MAX_CPU_ISA=AVX2
fi
out="$(mktemp -d)"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
trap 'rm -rf "$out"' EXIT

if ! [[ "$rounds" =~ ^[1-9][0-9]*$ ]]; then echo "--rounds must be a positive whole number, got '$rounds'" >&2; exit 2; fi
has_torch=0
/usr/bin/python3 -c 'import torch' 2>/dev/null && has_torch=1
[[ $has_torch == 1 ]] || echo "python3-torch not installed (apt-get install python3-torch python3-numpy libopenblas0-pthread): rnn4j only" >&2
openblas_core="$(OPENBLAS_VERBOSE=2 /usr/bin/python3 -c 'import numpy' 2>&1 | sed -n 's/^Core: //p' | head -1)"
if [[ $has_torch == 1 && -z $openblas_core ]]; then
  # without OpenBLAS, Debian's torch and numpy fall back to the reference BLAS, ~20x slower: no fair comparison
  echo "PyTorch's BLAS is not OpenBLAS (the reference BLAS is ~20x slower, so every ratio would be wrong):" \
       "apt-get install libopenblas0-pthread, then run this again" >&2
  exit 2
fi
for ((r = 1; r <= rounds; r++)); do
  [[ $rounds == 1 ]] || echo "round $r of $rounds" >&2
  "$root/rnn4j" bench --json --threads "$threads" "${only[@]}" | tee "$out/rnn4j.$r.jsonl" >&2
  if [[ $has_torch == 1 ]]; then
    /usr/bin/python3 "$root/bench/pytorch_bench.py" --threads "$threads" "${only[@]}" | tee "$out/pytorch.$r.jsonl" >&2
  else
    : > "$out/pytorch.$r.jsonl"
  fi
done
# Peak memory on the same workload: charlm_train alone in a fresh process on each side.
rss_row() { printf '{"name": "peak_rss_charlm_train", "metric": "peak_rss_mb", "value": %s, "higher_is_better": false}\n' "$1"; }
if [[ ${#only[@]} -eq 0 ]]; then   # skipped with --only
  echo "peak memory: charlm_train alone in a fresh process on each side" >&2
  rss="$(/usr/bin/python3 "$root/bench/peak_rss.py" "$root/rnn4j" bench --json --threads "$threads" --only charlm_train 2>&1 >/dev/null | tail -1)"
  rss_row "$rss" | tee -a "$out/rnn4j.1.jsonl" >&2
  if [[ $has_torch == 1 ]]; then
    rss="$(/usr/bin/python3 "$root/bench/peak_rss.py" /usr/bin/python3 "$root/bench/pytorch_bench.py" --threads "$threads" --only charlm_train 2>&1 >/dev/null | tail -1)"
    rss_row "$rss" | tee -a "$out/pytorch.1.jsonl" >&2
  fi
fi
echo
cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') (family $(grep -m1 'cpu family' /proc/cpuinfo | cut -d: -f2 | tr -d ' '), $(grep -qw avx512f /proc/cpuinfo && echo AVX-512 || echo AVX2))"
{
  echo "machine: $cpu, $(nproc) cores; threads: $threads"
  [[ $isa != avx2 ]] || echo "AVX2 code only on both sides (--avx2-only: JVM -XX:UseAVX=2, OpenBLAS Haswell, PyTorch and oneDNN capped at AVX2)"
  echo "first = rnn4j, second = PyTorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)' 2>/dev/null || echo '(absent)') (OpenBLAS kernels: ${openblas_core:-none found: numpy may use the slow reference BLAS, apt-get install libopenblas0-pthread}; OpenMP wait policy: ${OMP_WAIT_POLICY:-PASSIVE})"
  files() { local f=(); for ((r = 1; r <= rounds; r++)); do f+=("$out/$1.$r.jsonl"); done; (IFS=,; echo "${f[*]}"); }
  /usr/bin/python3 "$root/bench/compare.py" "$(files rnn4j)" "$(files pytorch)"
} | tee "$out/table.txt"
if [[ -n "$save" ]]; then
  mkdir -p "$save"
  model="$(lscpu | sed -n 's/^Model name: *//p' | head -1 | tr -cs 'A-Za-z0-9' '-' | sed 's/-*$//')"
  family="$(grep -m1 'cpu family' /proc/cpuinfo | cut -d: -f2 | tr -d ' ')"
  commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet HEAD 2>/dev/null || echo -dirty)"
  name="$(date -u +%Y-%m-%dT%H%M)-${model}-family${family}-openblas-${openblas_core:-none}${isa:+-$isa-only}-${commit}"
  # one file per side; with several rounds each line says which round it came from
  for side in rnn4j pytorch; do
    for ((r = 1; r <= rounds; r++)); do
      if [[ $rounds == 1 ]]; then cat "$out/$side.$r.jsonl"
      else sed "s/^{/{\"round\": $r, /" "$out/$side.$r.jsonl"; fi
    done > "$save/$name.$side.jsonl"
  done
  { echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit: $commit; load average before: ${load_before:-?}"; cat "$out/table.txt"; } > "$save/$name.table.txt"
  echo "saved: $save/$name.{rnn4j.jsonl,pytorch.jsonl,table.txt}" >&2
fi
