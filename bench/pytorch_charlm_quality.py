#!/usr/bin/python3
# Provenance: copied unchanged from the shared rnn4j benchmark scripts (bench/pytorch_charlm_quality.py).
"""Time to quality, PyTorch side: trains a character LSTM on a text for a wall-clock budget and prints
validation loss (nats/char) every 2 minutes as JSON lines. Same recipe as a plain char-rnn run: last 10%
is validation, truncated BPTT with the state carried across batches, Adam, gradient clipping 5.
    /usr/bin/python3 pytorch_charlm_quality.py TEXT [--hidden 256] [--layers 2] [--batch 32] [--seq 100]
                     [--lr 2e-3] [--seconds 1200] [--threads 2]
"""
import argparse, json, time
import torch

p = argparse.ArgumentParser()
p.add_argument("text"); p.add_argument("--hidden", type=int, default=256); p.add_argument("--layers", type=int, default=2)
p.add_argument("--batch", type=int, default=32); p.add_argument("--seq", type=int, default=100)
p.add_argument("--lr", type=float, default=2e-3); p.add_argument("--seconds", type=float, default=1200)
p.add_argument("--threads", type=int, default=2)
a = p.parse_args(); torch.set_num_threads(a.threads); torch.manual_seed(0)
text = open(a.text, encoding="utf-8").read()
chars = sorted(set(text)); V = len(chars); index = {c: i for i, c in enumerate(chars)}
data = torch.tensor([index[c] for c in text]); n = int(len(data) * 0.9); train, val = data[:n], data[n:]
H, L, B, T = a.hidden, a.layers, a.batch, a.seq

class CharLM(torch.nn.Module):
    def __init__(s):
        super().__init__(); s.embedding = torch.nn.Embedding(V, H); s.lstm = torch.nn.LSTM(H, H, L, batch_first=True); s.head = torch.nn.Linear(H, V)
    def forward(s, x, state=None): y, state = s.lstm(s.embedding(x), state); return s.head(y), state

def streams(d, b): per = len(d) // b; return d[: per * b].view(b, per)

def validate(m):
    m.eval(); total = count = 0; vs = streams(val, 64); state = None
    with torch.no_grad():
        for i in range(0, vs.shape[1] - 1, T):
            y = vs[:, i + 1 : i + 1 + T]; x = vs[:, i : i + y.shape[1]]
            out, state = m(x, state)
            total += torch.nn.functional.cross_entropy(out.reshape(-1, V), y.reshape(-1), reduction="sum").item(); count += y.numel()
    m.train(); return total / count

m = CharLM(); opt = torch.optim.Adam(m.parameters(), a.lr)
ts = streams(train, B); state = None; pos = step = 0; t0 = time.time(); report = 120
while time.time() - t0 < a.seconds:
    if pos + T + 1 > ts.shape[1]: pos = 0; state = None
    x = ts[:, pos : pos + T]; y = ts[:, pos + 1 : pos + T + 1]; pos += T
    if state is not None: state = tuple(s.detach() for s in state)
    out, state = m(x, state); loss = torch.nn.functional.cross_entropy(out.reshape(-1, V), y.reshape(-1))
    opt.zero_grad(); loss.backward(); torch.nn.utils.clip_grad_norm_(m.parameters(), 5.0); opt.step(); step += 1
    if time.time() - t0 > report:
        print(json.dumps(dict(seconds=round(time.time() - t0), step=step, chars=step * B * T, train_loss=round(loss.item(), 4), val_loss=round(validate(m), 4))), flush=True)
        report += 120
print(json.dumps(dict(seconds=round(time.time() - t0), step=step, chars=step * B * T, final_val_loss=round(validate(m), 4))), flush=True)
