import sys, random, importlib.util, torch
spec = importlib.util.spec_from_file_location("gen", "/work/main/core/src/test/resources/golden/gen.py")
gen = importlib.util.module_from_spec(spec); spec.loader.exec_module(gen)
out, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed); torch.manual_seed(seed)
for i in range(n):
    kind = rng.choice(["RNN", "LSTM", "GRU"])
    big = rng.random() < 0.35
    B = rng.randint(1, 140 if big else 6); T = rng.randint(1, 25 if big else 7)
    I = rng.randint(1, 90 if big else 8); H = rng.randint(1, 300 if big else 9)
    kw = dict(layers=rng.randint(1, 3), bias=rng.random() < 0.7, batch_first=rng.random() < 0.5,
              bidirectional=rng.random() < 0.4, with_h0=rng.random() < 0.6)
    if kind == "RNN": kw["nonlinearity"] = rng.choice(["tanh", "relu"])
    if kind == "LSTM" and rng.random() < 0.3 and H > 1: kw["proj_size"] = rng.randint(1, H - 1)
    if rng.random() < 0.35:
        L = [rng.randint(1, T) for _ in range(B)]; L[rng.randrange(B)] = T; kw["lengths"] = L
    name = "fuzz%03d_%s" % (i, kind)
    print(name, B, T, I, H, kw, flush=True)
    gen.recurrent_case(out, name, kind, B, T, I, H, **kw)
for k in ("RNNCell", "LSTMCell", "GRUCell"):
    gen.cell_case(out, k.lower()+"_fuzz", k, rng.randint(1,40), rng.randint(1,50), rng.randint(1,60), bias=rng.random()<0.6)
