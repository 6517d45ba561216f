# usage: jfr print --stack-depth 64 --events jdk.ExecutionSample rec.jfr > rec.txt; python3 jfr_summary.py rec.txt SECONDS_TO_SKIP
# Execution samples grouped by their first two rnn4j frames, in percent of the samples after the skipped start.
import re,collections,sys
txt=open(sys.argv[1]).read()
skip=float(sys.argv[2])
evs=txt.split('jdk.ExecutionSample')[1:]
def ts(e):
    m=re.search(r'startTime = (\d+):(\d+):([\d.]+)',e)
    return int(m.group(1))*3600+int(m.group(2))*60+float(m.group(3)) if m else 0
t0=min(ts(e) for e in evs)
c=collections.Counter(); n=0
for e in evs:
    if ts(e)-t0<skip: continue
    st=e.split('stackTrace = [')[1] if 'stackTrace = [' in e else ''
    fr=re.findall(r'^\s+([\w.$<>]+)\(', st, re.M)
    if not fr: continue
    n+=1
    first=[f for f in fr if 'rnn4j' in f][:2]
    c[' < '.join(first)]+=1
for k,v in c.most_common(40): print(f"{100*v/n:5.1f} {k}")
