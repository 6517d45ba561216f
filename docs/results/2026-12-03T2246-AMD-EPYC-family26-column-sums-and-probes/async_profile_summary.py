import collections,sys
tot=collections.Counter(); top=collections.Counter()
for line in open(sys.argv[1]):
    st,n=line.rsplit(' ',1); n=int(n)
    fr=st.split(';'); th=fr[0].split(' tid')[0].strip('[')
    tot[th]+=n
    rn=[f for f in fr if 'rnn4j' in f]
    if th not in ('main','rnn4j-kernel-1'): continue
    key=(rn[-1].replace('dev/rnn4j/','').replace('dev.rnn4j.','') if rn else fr[-1][:70])
    if len(rn)>1: key+=' < '+rn[-2].split('.')[-1].split('/')[-1]
    top[key]+=n
print(tot.most_common(8))
s=tot['main']+tot['rnn4j-kernel-1']
for k,v in top.most_common(int(sys.argv[2]) if len(sys.argv)>2 else 40): print(f"{100*v/s:5.1f} {k}")
