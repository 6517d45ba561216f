#!/bin/bash
# usage (from the repository root): first-steps.sh LABEL JVM-FLAGS...   prints elapsed s at steps 1, 5, 20, 40
label=$1; shift
rm -rf /tmp/wu; JAVA_TOOL_OPTIONS="$*" ./rnn4j train --out /tmp/wu --max-steps 40 --eval-every 1000 >/dev/null 2>&1
python3 -c "
import json
r=[json.loads(l) for l in open('/tmp/wu/metrics.jsonl')]
d={x['step']:x['elapsed_s'] for x in r if x['type']=='step'}
print('$label', d[1], d[5], d[20], d[40], round(d[40]-d[20],1))"
