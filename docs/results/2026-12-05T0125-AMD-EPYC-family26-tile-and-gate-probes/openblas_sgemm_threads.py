import torch, time, sys
torch.set_num_threads(int(sys.argv[1]))
n=2048
a=torch.randn(n,n); b=torch.randn(n,n); c=torch.empty(n,n)
for _ in range(3): torch.mm(a,b,out=c)
res=[]
for r in range(15):
    t=time.perf_counter()
    for _ in range(5): torch.mm(a,b,out=c)
    dt=(time.perf_counter()-t)/5
    res.append(2*n**3/dt/1e9)
res.sort(); print(sys.argv[1], 'threads median', round(res[len(res)//2],1), 'max', round(res[-1],1))
