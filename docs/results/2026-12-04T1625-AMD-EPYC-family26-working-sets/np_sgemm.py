import numpy as np, time, sys
n=2048; a=np.random.rand(n,n).astype(np.float32); b=a.copy(); a@b
best=[]
for r in range(3):
    t=time.perf_counter()
    for _ in range(5): a@b
    best.append(2*n**3/((time.perf_counter()-t)/5)/1e9)
print(sys.argv[1], " ".join("%.1f"%x for x in best))
