#!/usr/bin/python3
# Provenance: from the shared rnn4j benchmark scripts (bench/pytorch_bench.py), kept in step with `rnn4j bench`
# (charlm_sample_batch64 added here; every workload reports the median of timed calls, as `rnn4j bench` does).
"""PyTorch side of the rnn4j benchmark suite: prints one JSON object per line,
{"name": ..., "metric": ..., "value": ..., "higher_is_better": bool}, for the same
workloads that `rnn4j bench --json` runs. Needs Debian's python3-torch and python3-numpy
(apt-get install python3-torch python3-numpy libopenblas0-pthread).

    /usr/bin/python3 pytorch_bench.py [--threads 2] [--only NAME[,NAME]]
"""
import pytorch_threads  # before torch: its OpenMP threads sleep between parallel regions
import argparse, json, time
import numpy as np
import torch

def median_rate(work, call, calls=5, warmup=2):
    """work / the median time of `calls` timed calls after `warmup` untimed ones: the statistic `rnn4j bench` reports
    (a mean, or one long run, counts every slow call a busy VM hands out and would set PyTorch a few percent low)."""
    for _ in range(warmup): call()
    times = []
    for _ in range(calls):
        t = time.perf_counter(); call(); times.append(time.perf_counter() - t)
    return work / sorted(times)[calls // 2]

def emit(name, metric, value, higher=True, **extra):
    print(json.dumps(dict(name=name, metric=metric, value=round(value, 3), higher_is_better=higher, impl="pytorch-" + torch.__version__, **extra)), flush=True)

class CharLM(torch.nn.Module):
    def __init__(self, V, H, L):
        super().__init__()
        self.embedding = torch.nn.Embedding(V, H); self.lstm = torch.nn.LSTM(H, H, L, batch_first=True); self.head = torch.nn.Linear(H, V)
    def forward(self, x, state=None):
        y, state = self.lstm(self.embedding(x), state); return self.head(y), state

def charlm_train(name, V, H, L, B, T):
    m = CharLM(V, H, L); opt = torch.optim.Adam(m.parameters(), 2e-3)
    x = torch.randint(0, V, (B, T)); y = torch.randint(0, V, (B, T))
    def step():
        opt.zero_grad(); out, _ = m(x)
        torch.nn.functional.cross_entropy(out.reshape(-1, V), y.reshape(-1)).backward()
        torch.nn.utils.clip_grad_norm_(m.parameters(), 5.0); opt.step()
    emit(name, "chars_per_s", median_rate(B * T, step), config=dict(vocab=V, hidden=H, layers=L, batch=B, seq=T))

def sampler(m, B, n):
    """A call that draws n characters for each of B streams, carrying the state from call to call."""
    held = dict(x=torch.zeros(B, 1, dtype=torch.long), state=None)
    def call():
        with torch.no_grad():
            x, state = held["x"], held["state"]
            for _ in range(n):
                logits, state = m(x, state)
                x = torch.multinomial(torch.softmax(logits[:, -1] / 0.8, -1), 1)
            held.update(x=x, state=state)
    return call

def charlm_sample(name, V, H, L, n):
    m = CharLM(V, H, L).eval()
    emit(name, "chars_per_s", median_rate(n, sampler(m, 1, n), warmup=1),
         config=dict(vocab=V, hidden=H, layers=L, temperature=0.8))

def charlm_sample_batch(name, V, H, L, n, B):
    """B streams at once: one (B, 1) step of the model and one multinomial draw per stream; chars/s of all streams."""
    m = CharLM(V, H, L).eval()
    emit(name, "chars_per_s", median_rate(B * n, sampler(m, B, n), warmup=1),
         config=dict(vocab=V, hidden=H, layers=L, temperature=0.8, streams=B))

def layer(name, cls, gates, H, B, T):
    l = cls(H, H, 1); x = torch.randn(T, B, H, requires_grad=True)
    def call():
        y, _ = l(x); y.sum().backward()
    flops = 3 * 2 * T * B * (H + H) * gates * H  # matmul flops: forward once, backward twice
    emit(name, "gflops", median_rate(flops, call) / 1e9, config=dict(hidden=H, batch=B, seq=T, passes="forward+backward"))

def stack(name, kind, I, H, L=1, bidirectional=False, proj=0, B=64, T=50, packed=False):
    """A network of PyTorch's options forward and backward, as RecurrentShape in rnn4j's Workloads builds it: packed,
    sequence b has T - (7b mod T/2) real steps, longest first; FLOPs over the real steps, forward once, backward twice."""
    cls, gates = {"lstm": (torch.nn.LSTM, 4), "gru": (torch.nn.GRU, 3), "rnn": (torch.nn.RNN, 1)}[kind]
    options = dict(num_layers=L, bidirectional=bidirectional, **(dict(proj_size=proj) if proj else {}))
    m = cls(I, H, **options); x = torch.randn(T, B, I, requires_grad=True)
    lengths = sorted((T - (7 * b) % max(1, T // 2) if packed else T for b in range(B)), reverse=True)
    def call():
        if packed:
            y, _ = m(torch.nn.utils.rnn.pack_padded_sequence(x, torch.tensor(lengths)))
            y, _ = torch.nn.utils.rnn.pad_packed_sequence(y)
        else:
            y, _ = m(x)
        y.sum().backward()
    out, directions = proj or H, 2 if bidirectional else 1
    per_step = sum(directions * ((I if l == 0 else out * directions) + out) * gates * H + directions * (H * proj)
                   for l in range(L))
    flops = 3 * 2 * per_step * sum(lengths)
    config = dict(kind=kind, hidden=H, batch=B, seq=T, passes="forward+backward")
    if I != H: config["input"] = I
    if L > 1: config["layers"] = L
    if bidirectional: config["bidirectional"] = True
    if proj: config["proj"] = proj
    if packed: config["lengths"] = "%d..%d" % (T // 2 + 1, T)
    emit(name, "gflops", median_rate(flops, call) / 1e9, config=config)

def sgemm(name, n=2048):
    # into a preallocated C, as rnn4j's sgemm: the product alone, not numpy's allocation of a 16 MB result
    a = np.random.rand(n, n).astype(np.float32); b = a.copy(); c = np.empty_like(a)
    emit(name, "gflops", median_rate(2 * n ** 3, lambda: np.matmul(a, b, out=c)) / 1e9, config=dict(n=n, library="numpy"))

SUITE = {
    "charlm_train": lambda: charlm_train("charlm_train", 65, 512, 2, 32, 100),
    "charlm_train_small": lambda: charlm_train("charlm_train_small", 65, 128, 2, 50, 50),
    # the shape `./rnn4j train` trains by default (1x256, batch 64 x 50; there with dropout and weight averaging)
    "charlm_train_default": lambda: charlm_train("charlm_train_default", 65, 256, 1, 64, 50),
    "charlm_sample": lambda: charlm_sample("charlm_sample", 65, 512, 2, 500),
    "charlm_sample_batch64": lambda: charlm_sample_batch("charlm_sample_batch64", 65, 512, 2, 100, 64),
    "lstm_layer": lambda: layer("lstm_layer", torch.nn.LSTM, 4, 512, 64, 50),
    "gru_layer": lambda: layer("gru_layer", torch.nn.GRU, 3, 512, 64, 50),
    "sgemm": lambda: sgemm("sgemm"),
    # PyTorch's other options, each against rnn4j running the same network (RecurrentShape in rnn4j's Workloads)
    "rnn_layer": lambda: stack("rnn_layer", "rnn", 512, 512),
    "lstm_packed": lambda: stack("lstm_packed", "lstm", 512, 512, packed=True),
    "lstm_bidirectional": lambda: stack("lstm_bidirectional", "lstm", 256, 256, L=2, bidirectional=True, B=32),
    "lstm_proj": lambda: stack("lstm_proj", "lstm", 512, 512, proj=128),
    "gru_stack": lambda: stack("gru_stack", "gru", 128, 256, L=2, B=16, T=200),
}

if __name__ == "__main__":
    p = argparse.ArgumentParser(); p.add_argument("--threads", type=int, default=2); p.add_argument("--only", default="")
    a = p.parse_args(); torch.set_num_threads(a.threads); torch.manual_seed(0)
    for n in (a.only.split(",") if a.only else SUITE):
        if n in SUITE: SUITE[n]()   # names only rnn4j measures (fma_peak, cache_bandwidth, ...) have no PyTorch side
