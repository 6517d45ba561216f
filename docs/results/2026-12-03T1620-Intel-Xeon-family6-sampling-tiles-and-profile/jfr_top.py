import json, sys, collections
events = json.load(open(sys.argv[1]))["recording"]["events"]
def cls(f): return f["method"]["type"]["name"].replace("/", ".")
def name(f): return cls(f).split(".")[-1] + "." + f["method"]["name"]
top = collections.Counter(); n = 0
for e in events:
    frames = [f for f in e["values"]["stackTrace"]["frames"] if ".rnn4j." in cls(f)]
    if not frames: continue
    n += 1
    ctx = [name(f) for f in frames if not name(f).startswith(("GemmMicroKernel", "GemmBlocked", "Gemm.", "KernelPool", "GemmPacking", "PackedMatrix")) and "0x" not in name(f)]
    top[name(frames[0]) + "  <  " + " < ".join(ctx[:2])] += 1
print(n)
for k, v in top.most_common(30): print(f"  {100*v/n:5.1f}%  {k}")
