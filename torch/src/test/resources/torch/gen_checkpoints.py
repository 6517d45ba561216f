#!/usr/bin/python3
"""Make the training-checkpoint files rnn4j-torch's tests read (gen.py makes the plain state_dicts).

    /usr/bin/python3 gen_checkpoints.py [OUTDIR]     (Debian's python3-torch; OUTDIR defaults to this directory)

  ckpt_lstm_p4.pt     {'epoch', 'model_state_dict', 'optimizer_state_dict' (Adam, after 2 steps), 'loss'},
                      pickle protocol 4 (FRAME, SHORT_BINUNICODE, MEMOIZE, STACK_GLOBAL)
  ckpt_gru_p5.pt      {'state_dict', and plain values: a set, a frozenset, bytes, None, bools, a tuple, an
                      integer over 2**63, a non-ASCII string}, pickle protocol 5
  ckpt_rnn_legacy.pt  {'model': ..., 'epoch': 2} in the legacy format (_use_new_zipfile_serialization=False),
                      a ReLU RNN
  ckpt_two.pt         {'model': sd, 'ema': sd}: two state_dicts, so a key must choose
  full_model_p4.pt    torch.save(model) of a class defined in __main__, protocol 4
  full_lstm.pt        torch.save(torch.nn.LSTM(2, 3)), the whole module
  evil_p4.pt          torch.save of an object whose __reduce__ runs os.system, protocol 4 (never loaded here)
Each model file NAME.pt has NAME.expected.safetensors: token ids and PyTorch's logits and final state for them.
The vocabulary is charlm_chars.txt (gen.py).
"""
import os, sys

sys.dont_write_bytecode = True   # no __pycache__ beside the test files
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen import CharLM, Evil, expected  # noqa: E402  (gen.py's helpers; its main() is not run)

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))


class TinyModel(torch.nn.Module):
    def __init__(s):
        super().__init__()
        s.lstm = torch.nn.LSTM(2, 3)


def model(cell, chars, E, H, L, **kw):
    """A char LM and random tokens for it."""
    m = CharLM(cell, len(chars), E, H, L, **kw)
    tokens = torch.randint(0, len(chars), (2, 7))
    return m, tokens


def write_expected(name, m, cell, chars, E, H, L, tokens, **kw):
    with torch.no_grad():
        logits, state = m(tokens)
    t = {"tokens": tokens, "logits": logits}
    if cell == "lstm":
        t["h_n"], t["c_n"] = state
    else:
        t["h_n"] = state
    expected(name, t, dict(cell=cell, vocab=len(chars), embedding_size=E, hidden_size=H, num_layers=L, **kw))


def main():
    torch.manual_seed(17)
    with open(os.path.join(OUT, "charlm_chars.txt"), encoding="utf-8", newline="") as f:
        chars = list(f.read())

    m, tokens = model("lstm", chars, 4, 6, 1)
    opt = torch.optim.Adam(m.parameters(), lr=0.01)
    for _ in range(2):   # a trained model and an optimizer state with tensors in it
        opt.zero_grad()
        logits, _ = m(tokens)
        torch.nn.functional.cross_entropy(logits.reshape(-1, len(chars)), tokens.reshape(-1)).backward()
        opt.step()
    torch.save({"epoch": 3, "model_state_dict": m.state_dict(), "optimizer_state_dict": opt.state_dict(),
                "loss": 1.2}, os.path.join(OUT, "ckpt_lstm_p4.pt"), pickle_protocol=4)
    write_expected("ckpt_lstm_p4", m, "lstm", chars, 4, 6, 1, tokens)

    m, tokens = model("gru", chars, 5, 4, 2)
    plain = {"tags": {"adam", "char"}, "frozen": frozenset({1, 2}), "note": b"raw\x00bytes", "none": None,
             "flags": [True, False], "pair": (1, 2.5), "seed": 2 ** 70, "name": "r\u00e9seau"}
    torch.save({"state_dict": m.state_dict(), **plain}, os.path.join(OUT, "ckpt_gru_p5.pt"), pickle_protocol=5)
    write_expected("ckpt_gru_p5", m, "gru", chars, 5, 4, 2, tokens)

    m, tokens = model("rnn", chars, 3, 5, 1, nonlinearity="relu")
    torch.save({"model": m.state_dict(), "epoch": 2}, os.path.join(OUT, "ckpt_rnn_legacy.pt"),
               _use_new_zipfile_serialization=False)
    write_expected("ckpt_rnn_legacy", m, "rnn", chars, 3, 5, 1, tokens, nonlinearity="relu")

    a, b = torch.nn.GRU(2, 2), torch.nn.GRU(2, 2)
    torch.save({"model": a.state_dict(), "ema": b.state_dict()}, os.path.join(OUT, "ckpt_two.pt"))
    torch.save(TinyModel(), os.path.join(OUT, "full_model_p4.pt"), pickle_protocol=4)
    torch.save(torch.nn.LSTM(2, 3), os.path.join(OUT, "full_lstm.pt"))
    torch.save(Evil(), os.path.join(OUT, "evil_p4.pt"), pickle_protocol=4)


if __name__ == "__main__":
    main()
