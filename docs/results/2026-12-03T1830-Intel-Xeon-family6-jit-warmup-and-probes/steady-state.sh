#!/bin/bash
label=$1; shift
d=$(mktemp -d)
/work/main/rnn4j train --max-steps 300 --eval-every 1000 --out $d/r "$@" >/dev/null 2>&1
python3 - "$label" $d/r/metrics.jsonl <<'PY'
import json,sys,statistics
e={};c={}
for l in open(sys.argv[2]):
    j=json.loads(l)
    if j.get("type")=="step": e[j["step"]]=j["elapsed_s"]; c[j["step"]]=j["chars_per_s"]
print(sys.argv[1], e[1], e[20], e[300], "median cps 100-300:", round(statistics.median(c[s] for s in range(100,301))))
PY
rm -rf $d
