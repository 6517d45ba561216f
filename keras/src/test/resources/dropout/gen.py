"""Reference cases for dropout inside Keras's recurrent layers (dropout, recurrent_dropout) in training.

Keras itself is not installed here, so this transcribes the equations of Keras 3's cells (keras/src/layers/rnn:
SimpleRNNCell, LSTMCell and GRUCell `call`, implementation 1 with a mask per gate whenever recurrent_dropout is set,
implementation 2 with one input mask otherwise) in float64 PyTorch, in Keras's own weight layout (kernel (F, G) and
recurrent_kernel (H, G) with gate columns in Keras's order, LSTM [i, f, c, o], GRU [z, r, h]), and lets autograd give
the gradients. The cases store the weights in PyTorch's layout, as rnn4j holds them, and the masks in Keras's gate
order; the test places the masks itself.

Run: /usr/bin/python3 gen.py   (writes cases.json beside this file)
"""
import json
import os

import torch

torch.set_default_dtype(torch.float64)


def keras_kernels(kind, w_ih, w_hh, H):
    """PyTorch's [G, F] / [G, H] rows to Keras's (F, G) / (H, G) columns in Keras's gate order."""
    if kind == "GRU":                       # PyTorch blocks [r, z, n]; Keras [z, r, h]
        order = [1, 0, 2]
        w_ih = torch.cat([w_ih[k * H:(k + 1) * H] for k in order])
        w_hh = torch.cat([w_hh[k * H:(k + 1) * H] for k in order])
    return w_ih.t(), w_hh.t()


def keras_bias(kind, b, H):
    if kind == "GRU":
        return torch.cat([b[k * H:(k + 1) * H] for k in [1, 0, 2]])
    return b


def step(kind, reset_after, x, h, c, kernel, rkernel, bias, rbias, dp, rdp, H):
    """One step of Keras's cell; dp / rdp: one mask per gate (Keras order), or a single one, or None."""
    def gate_input(j):
        m = None if dp is None else (dp[j] if isinstance(dp, list) else dp)
        xi = x if m is None else x * m
        return xi @ kernel[:, j * H:(j + 1) * H] + (0 if bias is None else bias[j * H:(j + 1) * H])

    def gate_state(j, state):
        m = None if rdp is None else (rdp[j] if isinstance(rdp, list) else rdp)
        return state if m is None else state * m

    if kind == "RNN":
        return torch.tanh(gate_input(0) + gate_state(0, h) @ rkernel), None
    if kind == "LSTM":
        pre = [gate_input(j) + gate_state(j, h) @ rkernel[:, j * H:(j + 1) * H] for j in range(4)]
        i, f, o = torch.sigmoid(pre[0]), torch.sigmoid(pre[1]), torch.sigmoid(pre[3])
        c_new = f * c + i * torch.tanh(pre[2])
        return o * torch.tanh(c_new), c_new
    # GRU
    x_z, x_r, x_h = gate_input(0), gate_input(1), gate_input(2)
    h_z, h_r, h_h = gate_state(0, h), gate_state(1, h), gate_state(2, h)
    rec_z = h_z @ rkernel[:, :H] + (0 if rbias is None else rbias[:H])
    rec_r = h_r @ rkernel[:, H:2 * H] + (0 if rbias is None else rbias[H:2 * H])
    z, r = torch.sigmoid(x_z + rec_z), torch.sigmoid(x_r + rec_r)
    if reset_after:
        rec_h = r * (h_h @ rkernel[:, 2 * H:] + (0 if rbias is None else rbias[2 * H:]))
    else:
        rec_h = (r * h_h) @ rkernel[:, 2 * H:]
    hh = torch.tanh(x_h + rec_h)
    return z * h + (1 - z) * hh, None      # the unmasked h_{t-1}


def mask(gen, rate, shape):
    keep = (torch.rand(shape, generator=gen) >= rate).double()
    return keep / (1 - rate)


def case(name, kind, reset_after, dropout, recurrent_dropout, implementation, seed, B=3, T=4, F=3, H=4):
    gen = torch.Generator().manual_seed(seed)
    gates = {"RNN": 1, "LSTM": 4, "GRU": 3}[kind]
    G = gates * H
    w_ih = (torch.rand(G, F, generator=gen) - 0.5) * 1.2
    w_hh = (torch.rand(G, H, generator=gen) - 0.5) * 1.2
    b_ih = (torch.rand(G, generator=gen) - 0.5) * 1.2
    b_hh = (torch.rand(G, generator=gen) - 0.5) * 1.2 if kind == "GRU" and reset_after else torch.zeros(G)
    x = torch.randn(B, T, F, generator=gen)
    per_gate = kind != "RNN" and (recurrent_dropout > 0 or implementation == 1)
    count = gates if per_gate else 1
    dp = [mask(gen, dropout, (B, F)) for _ in range(count)] if dropout > 0 else None
    rdp = [mask(gen, recurrent_dropout, (B, H)) for _ in range(count)] if recurrent_dropout > 0 else None
    upstream = torch.randn(B, T, H, generator=gen)

    params = [w_ih, w_hh, b_ih, b_hh, x]
    for p in params:
        p.requires_grad_(True)
    kernel, rkernel = keras_kernels(kind, w_ih, w_hh, H)
    bias = keras_bias(kind, b_ih, H)
    rbias = keras_bias(kind, b_hh, H) if kind == "GRU" and reset_after else None
    h, c = torch.zeros(B, H), torch.zeros(B, H)
    outputs = []
    use_dp = dp if dp is None or per_gate else dp[0]
    use_rdp = rdp if rdp is None or per_gate else rdp[0]
    for t in range(T):
        h, c_new = step(kind, reset_after, x[:, t], h, c, kernel, rkernel, bias, rbias, use_dp, use_rdp, H)
        if c_new is not None:
            c = c_new
        outputs.append(h)
    y = torch.stack(outputs, dim=1)
    (y * upstream).sum().backward()

    def flat(t):
        return [float(v) for v in t.detach().reshape(-1)]

    return {
        "name": name, "kind": kind, "reset_after": reset_after, "dropout": dropout,
        "recurrent_dropout": recurrent_dropout, "implementation": implementation,
        "batch": B, "steps": T, "features": F, "units": H,
        "weight_ih": flat(w_ih), "weight_hh": flat(w_hh), "bias_ih": flat(b_ih), "bias_hh": flat(b_hh),
        "x": flat(x), "upstream": flat(upstream),
        "input_masks": [flat(m) for m in dp] if dp else [],
        "recurrent_masks": [flat(m) for m in rdp] if rdp else [],
        "output": flat(y),
        "grad_x": flat(x.grad), "grad_weight_ih": flat(w_ih.grad), "grad_weight_hh": flat(w_hh.grad),
        "grad_bias_ih": flat(b_ih.grad),
        # Keras's only recurrent bias is a GRU's with reset_after; rnn4j holds the others at zero
        "grad_bias_hh": flat(b_hh.grad) if b_hh.grad is not None else None,
    }


def main():
    cases = [
        case("LSTM both dropouts", "LSTM", True, 0.3, 0.4, 2, 1),
        case("LSTM dropout, implementation 2", "LSTM", True, 0.5, 0.0, 2, 2),
        case("LSTM dropout, implementation 1", "LSTM", True, 0.5, 0.0, 1, 3),
        case("GRU both dropouts", "GRU", True, 0.3, 0.4, 2, 4),
        case("GRU reset_after=False both dropouts", "GRU", False, 0.3, 0.4, 2, 5),
        case("GRU recurrent dropout only", "GRU", True, 0.0, 0.5, 2, 6),
        case("SimpleRNN both dropouts", "RNN", True, 0.3, 0.4, 2, 7),
    ]
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases.json")
    with open(path, "w") as f:
        json.dump(cases, f)
        f.write("\n")


if __name__ == "__main__":
    main()
