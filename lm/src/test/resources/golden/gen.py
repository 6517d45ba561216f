#!/usr/bin/python3
"""Golden cases for the character model's shapes beyond E = H: an embedding narrower or wider than the hidden
size, and LSTM proj_size. One training step's loss and every parameter's gradient, computed by PyTorch in
float64 from float32-representable values, stored as float32 in safetensors, as the golden cases of core/src/test/resources/golden.

    /usr/bin/python3 gen.py [OUTDIR]
"""
import json, os, struct, sys
import torch


def save(path, tensors, case):
    header, blobs, off = {}, [], 0
    for name, t in tensors.items():
        t = t.detach().contiguous()
        if t.dtype == torch.float64:
            t = t.float()
        b = t.numpy().tobytes()
        header[name] = {"dtype": {torch.float32: "F32", torch.int64: "I64"}[t.dtype], "shape": list(t.shape),
                        "data_offsets": [off, off + len(b)]}
        blobs.append(b)
        off += len(b)
    header["__metadata__"] = {"case": json.dumps(case, sort_keys=True)}
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def case(out, name, cell, V, E, H, L, B=2, T=6, **kw):
    class CharLM(torch.nn.Module):
        def __init__(s):
            super().__init__()
            s.embedding = torch.nn.Embedding(V, E)
            setattr(s, cell, {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU, "rnn": torch.nn.RNN}[cell](
                E, H, L, batch_first=True, **kw))
            s.head = torch.nn.Linear(kw.get("proj_size", 0) or H, V)

        def forward(s, x):
            return s.head(getattr(s, cell)(s.embedding(x))[0])

    m = CharLM().double()
    with torch.no_grad():
        for p in m.parameters():
            p.copy_(p.float().double())
    x, y = torch.randint(0, V, (B, T)), torch.randint(0, V, (B, T))
    loss = torch.nn.functional.cross_entropy(m(x).reshape(-1, V), y.reshape(-1))
    loss.backward()
    t = {"x": x, "y": y, "loss": loss.reshape(1)}
    for k, p in m.named_parameters():
        t["param." + k] = p
        t["grad." + k] = p.grad
    save(os.path.join(out, name + ".safetensors"), t,
         dict(kind="charlm_step", cell=cell, vocab=V, embedding_size=E, hidden_size=H, num_layers=L, batch=B, seq=T, **kw))


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    torch.manual_seed(7)
    case(out, "charlm_step_lstm_proj", "lstm", 9, 5, 8, 2, proj_size=3)
    case(out, "charlm_step_gru_wide_embedding", "gru", 7, 10, 4, 2)
    case(out, "charlm_step_rnn_relu", "rnn", 6, 3, 5, 1, nonlinearity="relu")


if __name__ == "__main__":
    main()
