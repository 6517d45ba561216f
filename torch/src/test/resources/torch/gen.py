#!/usr/bin/python3
"""Make the PyTorch files rnn4j-torch's tests read, with PyTorch's own outputs beside them.

    /usr/bin/python3 gen.py [OUTDIR]     (Debian's python3-torch; OUTDIR defaults to this directory)

For each case NAME:
  NAME.pt                  torch.save(model.state_dict(), ...) -- the file under test
  NAME.expected.safetensors  inputs and PyTorch's outputs for them (float32 / int64), metadata "case" (JSON)
Also: charlm_chars.txt (the char LM's vocabulary in index order), charlm_gru.safetensors (a state_dict in
safetensors, as safetensors.torch.save_file writes it), tensors.pt (dtypes, views, offsets, a 0-d int64,
an nn.Parameter), evil.pt (a torch.save of an object whose __reduce__ runs os.system; never loaded here).
"""
import collections, json, os, struct, sys
import torch

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
DT = {torch.float32: "F32", torch.float64: "F64", torch.float16: "F16", torch.bfloat16: "BF16", torch.int64: "I64"}


def save_safetensors(path, tensors, metadata):
    """The safetensors layout: u64 header length, JSON header padded with spaces to 8 bytes, raw data."""
    header, blobs, off = {}, [], 0
    for name, t in tensors.items():
        t = t.detach().contiguous()
        b = t.view(torch.int16).numpy().tobytes() if t.dtype == torch.bfloat16 else t.numpy().tobytes()
        header[name] = {"dtype": DT[t.dtype], "shape": list(t.shape), "data_offsets": [off, off + len(b)]}
        blobs.append(b)
        off += len(b)
    header["__metadata__"] = metadata
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def expected(name, tensors, case):
    save_safetensors(os.path.join(OUT, name + ".expected.safetensors"),
                     {k: v.float() if v.is_floating_point() else v for k, v in tensors.items()},
                     {"case": json.dumps(case, sort_keys=True)})


def recurrent(name, kind, input_size, hidden, dtype=torch.float32, batch=2, seq=5, **kw):
    cls = {"LSTM": torch.nn.LSTM, "GRU": torch.nn.GRU, "RNN": torch.nn.RNN}[kind]
    m = cls(input_size, hidden, batch_first=True, **kw).to(dtype)
    torch.save(m.state_dict(), os.path.join(OUT, name + ".pt"))
    m = m.float()   # PyTorch's outputs from the very weights in the file, in float32 as rnn4j computes
    dirs = 2 if kw.get("bidirectional") else 1
    layers = kw.get("num_layers", 1)
    x = torch.randn(batch, seq, input_size)
    h0 = torch.randn(dirs * layers, batch, kw.get("proj_size", 0) or hidden)
    t = {"input": x, "h0": h0}
    with torch.no_grad():
        if kind == "LSTM":
            t["c0"] = torch.randn(dirs * layers, batch, hidden)
            y, (hn, cn) = m(x, (h0, t["c0"]))
            t["c_n"] = cn
        else:
            y, hn = m(x, h0)
    t["output"], t["h_n"] = y, hn
    case = dict(kind=kind, input_size=input_size, hidden_size=hidden, dtype=str(dtype), batch_first=True, **kw)
    expected(name, t, case)


class CharLM(torch.nn.Module):
    def __init__(s, cell, V, E, H, L, **kw):
        super().__init__()
        s.cell = cell
        s.embedding = torch.nn.Embedding(V, E)
        setattr(s, cell, {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU, "rnn": torch.nn.RNN}[cell](
            E, H, L, batch_first=True, **kw))
        s.head = torch.nn.Linear(kw.get("proj_size", 0) or H, V)

    def forward(s, x):
        y, state = getattr(s, s.cell)(s.embedding(x))
        return s.head(y), state


def charlm(name, cell, chars, E, H, L, fmt="pt", **kw):
    m = CharLM(cell, len(chars), E, H, L, **kw)
    if fmt == "pt":
        torch.save(m.state_dict(), os.path.join(OUT, name + ".pt"))
    else:
        save_safetensors(os.path.join(OUT, name + ".safetensors"), m.state_dict(), {"format": "pt"})
    tokens = torch.randint(0, len(chars), (2, 9))
    with torch.no_grad():
        logits, state = m(tokens)
    t = {"tokens": tokens, "logits": logits}
    if cell == "lstm":
        t["h_n"], t["c_n"] = state
    else:
        t["h_n"] = state
    expected(name, t, dict(cell=cell, vocab=len(chars), embedding_size=E, hidden_size=H, num_layers=L, **kw))


class Evil:
    def __reduce__(self):
        return (os.system, ("touch /tmp/rnn4j-torch-evil-ran",))


def main():
    torch.manual_seed(13)
    os.makedirs(OUT, exist_ok=True)
    recurrent("lstm_l2", "LSTM", 3, 5, num_layers=2)
    recurrent("lstm_proj_l2", "LSTM", 4, 6, num_layers=2, proj_size=3)
    recurrent("lstm_bidir_l2", "LSTM", 3, 4, num_layers=2, bidirectional=True)
    recurrent("lstm_proj_bidir_nobias", "LSTM", 3, 5, proj_size=2, bidirectional=True, bias=False)
    recurrent("gru_l2", "GRU", 3, 5, num_layers=2)
    recurrent("gru_bidir_f64", "GRU", 4, 3, bidirectional=True, dtype=torch.float64)
    recurrent("rnn_tanh", "RNN", 3, 4)
    recurrent("rnn_relu_l2", "RNN", 3, 4, num_layers=2, nonlinearity="relu")
    recurrent("lstm_f16", "LSTM", 3, 4, dtype=torch.float16)
    recurrent("gru_bf16", "GRU", 3, 4, dtype=torch.bfloat16)

    # Not sorted, as a PyTorch user's vocabulary may be; newline included (chars.txt holds exactly these).
    chars = list("the quick brown fox\n")
    chars = list(dict.fromkeys(chars))
    chars = chars[7:] + chars[:7]
    with open(os.path.join(OUT, "charlm_chars.txt"), "w", encoding="utf-8", newline="") as f:
        f.write("".join(chars))
    charlm("charlm_lstm_proj", "lstm", chars, 5, 8, 2, proj_size=4)
    charlm("charlm_gru", "gru", chars, 6, 7, 1, fmt="safetensors")
    charlm("charlm_rnn_relu", "rnn", chars, 3, 5, 2, nonlinearity="relu")

    base = torch.arange(24, dtype=torch.float32).reshape(4, 6) / 7
    state = collections.OrderedDict()
    state["transposed"] = base.t()                    # strides (1, 6)
    state["offset_slice"] = base[1:3, 2:5]            # storage offset 8, strides (6, 1)
    state["f64"] = torch.randn(2, 3, dtype=torch.float64)
    state["f16"] = torch.randn(3).half()
    state["bf16"] = torch.randn(2, 2).bfloat16()
    state["i64_scalar"] = torch.tensor(-7, dtype=torch.int64)
    state["i64"] = torch.tensor([[1, -2], [3, 2 ** 40]], dtype=torch.int64)
    state["param"] = torch.nn.Parameter(torch.randn(3, 2))
    state["empty"] = torch.zeros(0, 3)
    torch.save(state, os.path.join(OUT, "tensors.pt"))
    expected("tensors", {k: v.detach().contiguous() for k, v in state.items()}, dict(kind="tensors"))

    torch.save(Evil(), os.path.join(OUT, "evil.pt"))


if __name__ == "__main__":
    main()
