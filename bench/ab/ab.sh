#!/usr/bin/env bash
# A/B of two builds in one JVM, their runs alternating (see AbCompare.java): the working tree against a git
# revision, or two build directories; or the working tree against OpenBLAS's sgemm 2048 in the same JVM.
#   bench/ab/ab.sh [--rounds N] [--forks J] BASE_REV WORKLOAD...   # e.g. bench/ab/ab.sh HEAD~1 charlm_train lstm_layer
#   bench/ab/ab.sh [--rounds N] [--forks J] --dirs BASE_DIR NEW_DIR WORKLOAD...
#   bench/ab/ab.sh [--rounds N] [--forks J] --openblas [CORETYPE] WORKLOAD...   # e.g. --openblas SKYLAKEX sgemm
# N pairs in all (default 30), split over J JVMs (default 4) that load the two builds in turns of order.
# With --openblas the base side of each pair is OpenBLAS's cblas_sgemm at n = 2,048 on 2 threads (the system's
# libopenblas.so.0, with the kernels of CORETYPE when given, as bench/compare.sh --openblas-core), so "new/base" is
# a workload's GFLOP/s over OpenBLAS's sgemm measured seconds apart: the layers' target of bench/compare.sh without
# the minute between the two processes.
# A build directory holds rnn4j-cli.jar and lib/ (cli/target after ./mvnw package) with
# dev.rnn4j.cli.BenchWorkloads; a BASE_REV older than it gets this tree's copy. Prints medians of both sides
# and the median of the per-pair ratios with their quartiles; pairs are seconds apart, so the VM's drift moves
# both sides alike. Not quite for batch-1 sampling: each build has its own kernel thread, and when one vCPU runs
# slow for seconds (docs/results/2026-12-04T1451-*) the build whose thread sits on it loses; A/A runs of one build
# against itself show how far that goes (use alternating JVMs, or many runs, for those workloads).
# The builds are made with Maven online (a base may need artifacts the cache lacks).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
. "$root/.mvn/find-jdk.sh"
JDK="$(rnn4j_find_jdk)"
[ -n "$JDK" ] || { echo "$RNN4J_NO_JDK" >&2; exit 1; }
rounds=30; forks=4
while [ "${1:-}" = --rounds ] || [ "${1:-}" = --forks ]; do
  if [ "$1" = --rounds ]; then rounds="$2"; else forks="$2"; fi
  shift 2
done
usage="usage: bench/ab/ab.sh [--rounds N] [--forks J] (BASE_REV | --dirs BASE_DIR NEW_DIR | --openblas [CORETYPE]) WORKLOAD..."
[ $# -ge 2 ] || { echo "$usage" >&2; exit 2; }
work="$(mktemp -d)"
trap 'git -C "$root" worktree remove --force "$work/base-tree" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

# Builds the cli module of a source tree and copies its jar and lib/ to a build directory.
build() {
  (cd "$1" && JAVA_HOME="$JDK" ./mvnw -q -B -DskipTests -Dmaven.javadoc.skip=true -Dcheckstyle.skip -pl cli -am package)
  mkdir -p "$2"
  cp -r "$1/cli/target/rnn4j-cli.jar" "$1/cli/target/lib" "$2/"
}

if [ "$1" = --openblas ]; then
  shift
  if [[ "${1:-}" =~ ^[A-Z][A-Z0-9_]*$ ]]; then export OPENBLAS_CORETYPE="$1"; shift; fi
  [ $# -ge 1 ] || { echo "$usage" >&2; exit 2; }
  # two threads as the bench's; a short spin after each call, so OpenBLAS's threads do not run on into rnn4j's turn
  export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-2}" OPENBLAS_THREAD_TIMEOUT=4
  echo "building the working tree..." >&2
  build "$root" "$work/new"
  base=openblas; new="$work/new"
elif [ "$1" = --dirs ]; then
  [ $# -ge 4 ] || { echo "$usage" >&2; exit 2; }
  base="$2"; new="$3"; shift 3
else
  git -C "$root" worktree add --detach "$work/base-tree" "$1" >/dev/null
  # a base older than BenchWorkloads gets this tree's copy (it only names the workloads Workloads.all() lists)
  entry=cli/src/main/java/dev/rnn4j/cli/BenchWorkloads.java
  [ -f "$work/base-tree/$entry" ] || cp "$root/$entry" "$work/base-tree/$entry"
  echo "building $1 and the working tree..." >&2
  build "$work/base-tree" "$work/base"
  build "$root" "$work/new"
  base="$work/base"; new="$work/new"; shift
fi
# the launcher's flags for bench (./rnn4j): arrays on cache lines, the serial collector, the deep stack; AB_JAVA_OPTS
# adds options for the JVM both builds share (e.g. -Dname=true read by a throw-away build that skips some work, to
# measure what that work costs: docs/results/2026-12-04T1855-*)
# The pairs are split over $forks JVMs, every other one loading and warming up the new build first: the copy loaded
# second had an edge in A/A runs (AbCompare.java), which the alternation puts on both sides alike.
per_fork=$(( (rounds + forks - 1) / forks ))
for ((f = 1; f <= forks; f++)); do
  order=(); first=base
  if (( f % 2 == 0 )); then order=(--new-first); first=new; fi
  (( forks == 1 )) || echo "JVM $f of $forks ($first build loaded first; pairs: $per_fork):"
  # shellcheck disable=SC2086
  "$JDK/bin/java" -XX:ObjectAlignmentInBytes=64 -XX:+UseSerialGC -Xss16m ${AB_JAVA_OPTS:-} --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector \
    -cp "$root/bench/ab" "$root/bench/ab/AbCompare.java" ${order[@]+"${order[@]}"} --pairs "$work/pairs" "$per_fork" "$base" "$new" "$@" \
    2> >(grep -v "incubator modules" >&2)
done
if (( forks > 1 )); then
  echo "all $forks JVMs:"
  "$JDK/bin/java" -cp "$root/bench/ab" "$root/bench/ab/AbCompare.java" --combine "$work/pairs"
fi
