#!/bin/bash
# usage: ws.sh label args...  -> elapsed at steps 1,5,10,20,40,60
label=$1; shift
d=$(mktemp -d)
/work/main/rnn4j train --max-steps 60 --eval-every 1000 --out $d/r "$@" >/dev/null 2>&1
python3 - "$label" $d/r/metrics.jsonl <<'PY'
import json,sys
e={}
for l in open(sys.argv[2]):
    j=json.loads(l)
    if j.get("type")=="step": e[j["step"]]=j["elapsed_s"]
print(sys.argv[1], *[e.get(s) for s in (1,5,10,20,40,60)], round(e[60]-e[40],2))
PY
rm -rf $d
