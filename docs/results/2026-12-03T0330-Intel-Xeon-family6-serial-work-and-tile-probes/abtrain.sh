#!/usr/bin/env bash
# alternating runs of the default train: base (/tmp/base) vs new (/work/main); prints seconds for steps 50..350
for round in 1 2 3 4 5 6; do
  for side in base new; do
    root=/tmp/base; [ $side = new ] && root=/work/main
    rm -rf /tmp/ab-$side
    (cd /tmp && $root/rnn4j train --out /tmp/ab-$side --max-steps 350 --eval-every 1000 --checkpoint-every 1000 >/dev/null 2>&1)
    python3 - $side <<'P'
import json,sys
side=sys.argv[1]
d=[json.loads(l) for l in open(f'/tmp/ab-{side}/metrics.jsonl') if '"step"' in l]
e={x['step']:x['elapsed_s'] for x in d if x['type']=='step'}
print(side, round(e[350]-e[50],2), 'final loss', [x['train_loss'] for x in d if x['type']=='step'][-1])
P
  done
done
