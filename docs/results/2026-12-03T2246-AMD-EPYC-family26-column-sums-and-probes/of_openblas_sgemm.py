# per-round lstm_layer, gru_layer, sgemm of rnn4j against PyTorch's (OpenBLAS) sgemm of the same round
import json, sys, statistics
def load(p):
    rows = {}
    for line in open(p):
        line = line.strip()
        if not line.startswith('{'): continue
        d = json.loads(line); rows.setdefault(d.get('round', 1), {})[d['name']] = d['value']
    return rows
ours, theirs = load(sys.argv[1]), load(sys.argv[2])
for name in ('lstm_layer', 'gru_layer', 'sgemm'):
    r = [ours[k][name] / theirs[k]['sgemm'] for k in sorted(ours) if name in ours[k] and k in theirs and 'sgemm' in theirs[k]]
    print(f"{name} of OpenBLAS sgemm: median {statistics.median(r):.2f} per round {[round(x, 2) for x in r]}")
