#!/usr/bin/env bash
# Time to quality on tinyshakespeare: the default `./rnn4j train` model (1x256 LSTM, batch 64 x 50, Adam
# 6e-3 times 0.9 every epoch after the second, dropout 0.1 before the output layer, clip 5, validation of a
# moving average of the weights with decay 0.99) against
# PyTorch's same model and recipe (bench/pytorch_charlm_quality.py), both holding out the last 10% for
# validation and counting validation in their time. Prints when each first reaches the target validation
# loss (rnn4j validates every 100 steps, PyTorch every 60 seconds, so its figure is an upper bound by up to
# 60 s).
#   bench/time_to_quality.sh [--target 1.60] [--minutes 20] [--threads 2] [--keep DIR]
# --keep DIR keeps both runs' metrics (DIR/rnn4j/metrics.jsonl, DIR/pytorch.jsonl) for
#   ./rnn4j viz training --run DIR/rnn4j --run DIR/pytorch.jsonl --out ttq.html   (open ttq.html#minutes)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
target=1.60 minutes=20 threads=2 keep=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --target) target="$2"; shift 2 ;;
    --minutes) minutes="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --keep) keep="$2"; shift 2 ;;
    *) echo "usage: bench/time_to_quality.sh [--target 1.60] [--minutes 20] [--threads 2] [--keep DIR]" >&2; exit 2 ;;
  esac
done
if [[ -n "$keep" ]]; then
  out="$keep"
  if [[ -e "$out/rnn4j" ]]; then echo "$out/rnn4j exists: give --keep a new directory" >&2; exit 2; fi
  mkdir -p "$out"
else
  out="$(mktemp -d)"
  trap 'rm -rf "$out"' EXIT
fi
zcat "$root/tool/src/main/resources/dev/rnn4j/tool/corpus/tinyshakespeare.txt.gz" > "$out/tinyshakespeare.txt"

# The default recipe, given to both sides (./rnn4j train --help shows the same defaults).
recipe_hidden=256 recipe_layers=1 recipe_batch=64 recipe_seq=50 recipe_lr=6e-3 recipe_decay=0.9 recipe_decay_after=2
recipe_dropout=0.1 recipe_ema=0.99

# rnn4j gets a quarter of the budget and a minute: to be 4x sooner it must cross the target in that.
"$root/rnn4j" train --data "$out/tinyshakespeare.txt" --val-frac 0.1 --eval-every 100 --threads "$threads" \
  --hidden "$recipe_hidden" --layers "$recipe_layers" --batch-size "$recipe_batch" --seq-length "$recipe_seq" \
  --lr "$recipe_lr" --lr-decay "$recipe_decay" \
  --lr-decay-after "$recipe_decay_after" --dropout "$recipe_dropout" --ema "$recipe_ema" \
  --time-limit "$((minutes * 15 + 60))s" \
  --out "$out/rnn4j" >&2
first_rnn4j="$(/usr/bin/python3 - "$out/rnn4j/metrics.jsonl" "$target" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    m = json.loads(line)
    if m.get("type") == "validation" and m["val_loss"] <= float(sys.argv[2]):
        print("%.0f s (step %d, validation loss %.4f)" % (m["elapsed_s"], m["step"], m["val_loss"])); break
else:
    print("not within the budget")
PY
)"
echo "rnn4j:   $first_rnn4j" >&2

if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  /usr/bin/python3 "$root/bench/pytorch_charlm_quality.py" "$out/tinyshakespeare.txt" --threads "$threads" \
    --hidden "$recipe_hidden" --layers "$recipe_layers" --batch "$recipe_batch" --seq "$recipe_seq" \
    --lr "$recipe_lr" --lr-decay "$recipe_decay" \
    --lr-decay-after "$recipe_decay_after" --dropout "$recipe_dropout" --ema "$recipe_ema" \
    --seconds "$((minutes * 60))" --report-every 60 \
    | tee "$out/pytorch.jsonl" >&2
  first_pytorch="$(/usr/bin/python3 - "$out/pytorch.jsonl" "$target" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    m = json.loads(line)
    loss = m.get("val_loss", m.get("final_val_loss"))
    if loss <= float(sys.argv[2]):
        print("%d s (step %d, validation loss %.4f)" % (m["seconds"], m["step"], loss)); break
else:
    print("not within %s s" % m["seconds"])
PY
)"
else
  first_pytorch="python3-torch not installed"
fi
echo
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores; threads: $threads"
echo "time to validation loss $target on tinyshakespeare (default model, last 10% held out):"
echo "  rnn4j:   $first_rnn4j"
echo "  PyTorch: $first_pytorch"
