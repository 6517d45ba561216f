#!/bin/bash
# usage: ab.sh WORKLOAD PAIRS [extra bench args]
W=$1; N=$2; shift 2
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
run(){ $J -XX:ObjectAlignmentInBytes=64 --add-modules=jdk.incubator.vector -XX:+UseSerialGC -Xss16m -Drnn4j.home=/work/main -cp "/tmp/ab/$1/rnn4j-cli.jar:/tmp/ab/$1/lib/*" dev.rnn4j.cli.Main bench --only $W --repeats 5 "${@:2}" 2>/dev/null | grep -E "^$W " | awk '{print $3}'; }
for i in $(seq $N); do b=$(run base "$@"); n=$(run new "$@"); echo "base $b new $n ratio $(python3 -c "print(round($n/$b,3))")"; done
