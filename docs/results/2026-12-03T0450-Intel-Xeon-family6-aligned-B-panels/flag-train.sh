J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java; R=/work/main
for round in 1 2 3; do
for opt in "-XX:ObjectAlignmentInBytes=8" "-XX:ObjectAlignmentInBytes=64"; do
  rm -rf /tmp/ft
  (cd /tmp && $J $opt --add-modules=jdk.incubator.vector -XX:+UseSerialGC -Xss16m -Drnn4j.home=$R -cp "$R/cli/target/rnn4j-cli.jar:$R/cli/target/lib/*" dev.rnn4j.cli.Main train --out /tmp/ft --max-steps 250 --eval-every 1000 --checkpoint-every 1000 >/dev/null 2>&1)
  python3 - "$opt" <<'P'
import json,sys
d=[json.loads(l) for l in open('/tmp/ft/metrics.jsonl') if '"step"' in l]
e={x['step']:x['elapsed_s'] for x in d if x['type']=='step'}
print(f"{sys.argv[1]:32s} steps 50-250 {e[250]-e[50]:5.1f} s, step1 {e[1]:4.1f}")
P
done; done
