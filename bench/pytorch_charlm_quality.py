#!/usr/bin/python3
# Provenance: the shared rnn4j benchmark script (bench/pytorch_charlm_quality.py), with char-rnn's per-epoch
# learning-rate decay (--lr-decay, --lr-decay-after), --dropout (as ./rnn4j train), a report interval
# (--report-every) and a moving average of the weights (--ema, as ./rnn4j train) added.
"""Time to quality, PyTorch side: trains a character LSTM on a text for a wall-clock budget and prints
validation loss (nats/char) every --report-every seconds as JSON lines. Same recipe as a plain char-rnn run:
last 10% is validation, truncated BPTT with the state carried across batches, Adam, gradient clipping 5, the
learning rate times --lr-decay for every epoch after the first --lr-decay-after ones, and --dropout between the
LSTM layers and on the top layer's output before the output layer (as ./rnn4j train). With --ema D > 0 validation
scores an exponential moving average of the weights, updated after every step with decay min(D, (1+n)/(10+n)) at
step n (tf.train.ExponentialMovingAverage's warm-up, as ./rnn4j train --ema).
    /usr/bin/python3 pytorch_charlm_quality.py TEXT [--hidden 256] [--layers 2] [--batch 32] [--seq 100]
                     [--lr 2e-3] [--lr-decay 1] [--lr-decay-after 10] [--dropout 0] [--seconds 1200]
                     [--report-every 120] [--threads 2] [--ema 0]
"""
import pytorch_threads  # before torch: its OpenMP threads sleep between parallel regions
import argparse, json, time
import torch

p = argparse.ArgumentParser()
p.add_argument("text"); p.add_argument("--hidden", type=int, default=256); p.add_argument("--layers", type=int, default=2)
p.add_argument("--batch", type=int, default=32); p.add_argument("--seq", type=int, default=100)
p.add_argument("--lr", type=float, default=2e-3); p.add_argument("--seconds", type=float, default=1200)
p.add_argument("--threads", type=int, default=2); p.add_argument("--lr-decay", type=float, default=1.0)
p.add_argument("--lr-decay-after", type=int, default=10); p.add_argument("--report-every", type=float, default=120)
p.add_argument("--dropout", type=float, default=0.0); p.add_argument("--ema", type=float, default=0.0)
a = p.parse_args(); torch.set_num_threads(a.threads); torch.manual_seed(0)
text = open(a.text, encoding="utf-8").read()
chars = sorted(set(text)); V = len(chars); index = {c: i for i, c in enumerate(chars)}
data = torch.tensor([index[c] for c in text]); n = int(len(data) * 0.9); train, val = data[:n], data[n:]
H, L, B, T = a.hidden, a.layers, a.batch, a.seq

class CharLM(torch.nn.Module):
    def __init__(s):
        super().__init__(); s.embedding = torch.nn.Embedding(V, H); s.head = torch.nn.Linear(H, V)
        s.lstm = torch.nn.LSTM(H, H, L, batch_first=True, dropout=a.dropout if L > 1 else 0.0)
        s.drop = torch.nn.Dropout(a.dropout)
    def forward(s, x, state=None): y, state = s.lstm(s.embedding(x), state); return s.head(s.drop(y)), state

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
average = [w.detach().clone() for w in m.parameters()] if a.ema > 0 else None

def update_average(n):
    d = min(a.ema, (1.0 + n) / (10.0 + n))
    with torch.no_grad():
        for avg, w in zip(average, m.parameters()): avg.add_(w - avg, alpha=1 - d)

def swap_average():
    with torch.no_grad():
        for avg, w in zip(average, m.parameters()): kept = w.clone(); w.copy_(avg); avg.copy_(kept)

def validate_average(m):
    if average is None: return validate(m)
    swap_average(); loss = validate(m); swap_average(); return loss
ts = streams(train, B); state = None; pos = step = 0; epoch = 1; t0 = time.time(); report = a.report_every
while time.time() - t0 < a.seconds:
    if pos + T + 1 > ts.shape[1]:
        pos = 0; state = None; epoch += 1
        factor = a.lr_decay ** (epoch - a.lr_decay_after) if epoch > a.lr_decay_after else 1.0
        for group in opt.param_groups: group["lr"] = a.lr * factor
    x = ts[:, pos : pos + T]; y = ts[:, pos + 1 : pos + T + 1]; pos += T
    if state is not None: state = tuple(s.detach() for s in state)
    out, state = m(x, state); loss = torch.nn.functional.cross_entropy(out.reshape(-1, V), y.reshape(-1))
    opt.zero_grad(); loss.backward(); torch.nn.utils.clip_grad_norm_(m.parameters(), 5.0); opt.step(); step += 1
    if average is not None: update_average(step)
    if time.time() - t0 > report:
        print(json.dumps(dict(seconds=round(time.time() - t0), step=step, chars=step * B * T, train_loss=round(loss.item(), 4), val_loss=round(validate_average(m), 4))), flush=True)
        report += a.report_every
print(json.dumps(dict(seconds=round(time.time() - t0), step=step, chars=step * B * T, final_val_loss=round(validate_average(m), 4))), flush=True)
