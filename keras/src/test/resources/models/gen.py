"""Test models in Keras's file formats and their expected outputs, for KerasModelsTest.

Run from this directory with a Python that has NumPy, h5py and PyTorch (Debian's /usr/bin/python3):
    /usr/bin/python3 gen.py

1. An independent NumPy implementation of the equations Keras documents for its layers (Embedding, SimpleRNN,
   LSTM, GRU with reset_after True and False, Bidirectional, Dense, Masking, TimeDistributed, pooling), checked
   here against torch.nn.RNN / LSTM / GRU with the gate mapping (Keras LSTM i,f,c,o = PyTorch's order with the
   kernels transposed and one bias; Keras GRU z,r,h -> PyTorch r,z,n, reset_after=True bias rows = b_ih, b_hh).
2. Writes test models in the Keras 3 `.keras` layout (zip: config.json, metadata.json, model.weights.h5 with
   layers/<snake_name>[_N]/vars/<i>, recurrent weights under .../cell/vars/<i>) and in the legacy Keras 2 `.h5`
   layout (root attribute model_config, group model_weights with layer_names / weight_names attributes).
3. For every model (the real Keras files included) writes the inputs x_<model>.npy and the reference outputs
   y_<model>.npy, plus for the real LSTM model labels and the loss/accuracy Keras's evaluate would print.
"""
import io
import json
import zipfile

import h5py
import numpy as np
import torch

rng = np.random.default_rng(20261201)
# What 'hard_sigmoid' means depends on the Keras that saved the file: Keras 2 clip(0.2x + 0.5), Keras 3 clip(x/6 + 0.5).
HARD_SIGMOID = {"version": 3}


# ---------------------------------------------------------------- the equations, in NumPy (float64)

def activation(name, x):
    if name == "tanh":
        return np.tanh(x)
    if name == "sigmoid":
        return 1 / (1 + np.exp(-x))
    if name == "relu":
        return np.maximum(x, 0)
    if name == "hard_sigmoid":
        return np.clip(0.2 * x + 0.5, 0, 1) if HARD_SIGMOID["version"] == 2 else np.clip(x / 6 + 0.5, 0, 1)
    if name in ("linear", None):
        return x
    if name == "softmax":
        e = np.exp(x - x.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)
    raise ValueError(name)


def rnn_cell(kind, cfg, w):
    """One step function (x_t, states) -> (h, states) with Keras's weights w = [kernel, recurrent_kernel, bias?]."""
    keras2 = HARD_SIGMOID["version"] == 2     # Keras 2.0-2.2's defaults: hard_sigmoid gates, reset before
    act = lambda v: activation(cfg.get("activation", "tanh"), v)
    ract = lambda v: activation(cfg.get("recurrent_activation", "hard_sigmoid" if keras2 else "sigmoid"), v)
    use_bias = cfg.get("use_bias", True)
    W, U = w[0], w[1]
    b = w[2] if use_bias else None
    H = U.shape[0]
    if kind == "SimpleRNN":
        def step(x, s):
            h = act(x @ W + s[0] @ U + (b if use_bias else 0))
            return h, [h]
    elif kind == "LSTM":
        def step(x, s):
            h, c = s
            z = x @ W + h @ U + (b if use_bias else 0)
            i, f, g, o = ract(z[:, :H]), ract(z[:, H:2 * H]), act(z[:, 2 * H:3 * H]), ract(z[:, 3 * H:])
            c = f * c + i * g
            h = o * act(c)
            return h, [h, c]
    elif kind == "GRU" and cfg.get("reset_after", not keras2):
        def step(x, s):
            h = s[0]
            bi, bh = (b[0], b[1]) if use_bias else (0, 0)
            xz = x @ W + bi
            hz = h @ U + bh
            z = ract(xz[:, :H] + hz[:, :H])
            r = ract(xz[:, H:2 * H] + hz[:, H:2 * H])
            hh = act(xz[:, 2 * H:] + r * hz[:, 2 * H:])
            h = z * h + (1 - z) * hh
            return h, [h]
    elif kind == "GRU":
        def step(x, s):
            h = s[0]
            xz = x @ W + (b if use_bias else 0)
            z = ract(xz[:, :H] + h @ U[:, :H])
            r = ract(xz[:, H:2 * H] + h @ U[:, H:2 * H])
            hh = act(xz[:, 2 * H:] + (r * h) @ U[:, 2 * H:])
            h = z * h + (1 - z) * hh
            return h, [h]
    else:
        raise ValueError(kind)
    return step, (2 if kind == "LSTM" else 1), H


def run_rnn(kind, cfg, w, x, mask, go_backwards=None, zero_output=None, initial=None, with_states=False):
    """Keras's RNN loop (backend.rnn): masked steps keep the states and output the previous step's output (zeros
    before the first valid step), or zeros with zero_output_for_mask; outputs in processing order. initial: the
    initial states (zeros if None); with_states: also return the final states."""
    step, n_states, H = rnn_cell(kind, cfg, w)
    back = cfg.get("go_backwards", False) if go_backwards is None else go_backwards
    zero = cfg.get("zero_output_for_mask", False) if zero_output is None else zero_output
    B, T, _ = x.shape
    if mask is None:
        mask = np.ones((B, T), dtype=bool)
    order = range(T - 1, -1, -1) if back else range(T)
    states = [np.zeros((B, H)) for _ in range(n_states)] if initial is None else list(initial)
    prev_out = np.zeros((B, H))
    outs = []
    for t in order:
        h, new = step(x[:, t], states)
        m = mask[:, t:t + 1]
        states = [np.where(m, n, s) for n, s in zip(new, states)]
        prev_out = np.where(m, h, 0 if zero else prev_out)
        outs.append(prev_out)
    seq = np.stack(outs, axis=1)          # in processing order, as Keras returns it
    return (seq, prev_out, states) if with_states else (seq, prev_out)


def forward(layers, weights, x):
    """Runs a Sequential given Keras layer configs and each layer's weights list."""
    mask = None
    for layer, w in zip(layers, weights):
        cls, cfg = layer["class_name"], layer["config"]
        if cls == "InputLayer":
            continue
        if cls == "Embedding":
            ids = x.astype(np.int64)
            x = w[0][ids]
            mask = ids != 0 if cfg.get("mask_zero") else None
        elif cls == "Masking":
            mask = np.any(x != cfg.get("mask_value", 0.0), axis=-1)
        elif cls in ("SimpleRNN", "LSTM", "GRU"):
            seq, last = run_rnn(cls, cfg, w, x, mask)
            x = seq if cfg.get("return_sequences") else last
            mask = mask if cfg.get("return_sequences") else None
        elif cls == "Bidirectional":
            inner = cfg["layer"]
            icls, icfg = inner["class_name"], inner["config"]
            n = len(w) // 2
            # Bidirectional sets zero_output_for_mask to return_sequences; the zeros are applied below.
            fseq, flast = run_rnn(icls, icfg, w[:n], x, mask, go_backwards=False, zero_output=False)
            bseq, blast = run_rnn(icls, icfg, w[n:], x, mask, go_backwards=True, zero_output=False)
            if icfg.get("return_sequences"):
                # Bidirectional sets zero_output_for_mask when returning sequences: masked steps output zeros.
                f, b = fseq, bseq[:, ::-1]
                if mask is not None:
                    f, b = f * mask[:, :, None], b * mask[:, :, None]
            else:
                f, b = flast, blast
                mask = None
            mode = cfg.get("merge_mode", "concat")
            x = {"concat": lambda: np.concatenate([f, b], -1), "sum": lambda: f + b, "mul": lambda: f * b,
                 "ave": lambda: (f + b) / 2}[mode]()
        elif cls == "Dense":
            x = activation(cfg["activation"], x @ w[0] + (w[1] if cfg.get("use_bias", True) else 0))
        elif cls == "TimeDistributed":
            inner = cfg["layer"]["config"]
            x = activation(inner["activation"], x @ w[0] + (w[1] if inner.get("use_bias", True) else 0))
        elif cls == "Dropout":
            pass
        elif cls == "GlobalAveragePooling1D":
            if mask is None:
                x = x.mean(axis=1)
            else:
                m = mask[:, :, None].astype(float)
                x = (x * m).sum(axis=1) / m.sum(axis=1)
            mask = None
        elif cls == "GlobalMaxPooling1D":
            x = x.max(axis=1)
            mask = None
        else:
            raise ValueError(cls)
    return x


# ---------------------------------------------------------------- the reference checked against PyTorch

def check_against_torch():
    worst = {}
    I, H, B, T = 5, 4, 3, 6
    x = rng.standard_normal((B, T, I))
    for kind in ("SimpleRNN", "LSTM", "GRU"):
        g = {"SimpleRNN": 1, "LSTM": 4, "GRU": 3}[kind]
        W, U = rng.standard_normal((I, g * H)) * 0.5, rng.standard_normal((H, g * H)) * 0.5
        b = rng.standard_normal((2, g * H) if kind == "GRU" else (g * H,)) * 0.5
        seq, _ = run_rnn(kind, {"reset_after": True}, [W, U, b], x, None)
        net = {"SimpleRNN": torch.nn.RNN, "LSTM": torch.nn.LSTM, "GRU": torch.nn.GRU}[kind](I, H, batch_first=True).double()
        if kind == "GRU":
            # Keras z, r, h -> PyTorch r, z, n (row blocks of the transposed kernels)
            perm = lambda m: np.concatenate([m[..., H:2 * H], m[..., :H], m[..., 2 * H:]], axis=-1)
            w_ih, w_hh, b_ih, b_hh = perm(W).T, perm(U).T, perm(b[0]), perm(b[1])
        else:
            w_ih, w_hh, b_ih, b_hh = W.T, U.T, b, np.zeros_like(b)
        with torch.no_grad():
            net.weight_ih_l0.copy_(torch.from_numpy(np.ascontiguousarray(w_ih)))
            net.weight_hh_l0.copy_(torch.from_numpy(np.ascontiguousarray(w_hh)))
            net.bias_ih_l0.copy_(torch.from_numpy(np.ascontiguousarray(b_ih)))
            net.bias_hh_l0.copy_(torch.from_numpy(np.ascontiguousarray(b_hh)))
            ref = net(torch.from_numpy(x))[0].numpy()
        worst[kind] = float(np.abs(ref - seq).max())
        assert worst[kind] < 1e-12, (kind, worst[kind])
    return worst


# ---------------------------------------------------------------- writing Keras's formats

def layer_config(cls, **cfg):
    module = "keras.layers"
    return {"module": module, "class_name": cls, "config": cfg, "registered_name": None}


def bidirectional(name, merge_mode, layer):
    """Keras 3's Bidirectional config: the forward layer as 'layer' and the derived backward layer."""
    forward = json.loads(json.dumps(layer))
    forward["config"]["name"] = "forward_" + layer["config"]["name"]
    backward = json.loads(json.dumps(layer))
    backward["config"]["name"] = "backward_" + layer["config"]["name"]
    backward["config"]["go_backwards"] = True
    return layer_config("Bidirectional", name=name, merge_mode=merge_mode, layer=forward, backward_layer=backward)


def dense(name, units, activation="linear", use_bias=True):
    return layer_config("Dense", name=name, trainable=True, dtype="float32", units=units, activation=activation,
                        use_bias=use_bias)


def recurrent(cls, name, units, **options):
    cfg = dict(name=name, trainable=True, dtype="float32", return_sequences=False, return_state=False,
               go_backwards=False, stateful=False, unroll=False, zero_output_for_mask=False, units=units,
               activation="relu" if False else "tanh", recurrent_activation="sigmoid", use_bias=True, dropout=0.0,
               recurrent_dropout=0.0)
    if cls == "SimpleRNN":
        del cfg["recurrent_activation"]
    if cls == "GRU":
        cfg["reset_after"] = True
    cfg.update(options)
    return layer_config(cls, **cfg)


def recurrent_weights(cls, cfg, features):
    H = cfg["units"]
    g = {"SimpleRNN": 1, "LSTM": 4, "GRU": 3}[cls]
    w = [rng.uniform(-0.6, 0.6, (features, g * H)), rng.uniform(-0.6, 0.6, (H, g * H))]
    if cfg.get("use_bias", True):
        reset_after = cfg.get("reset_after", HARD_SIGMOID["version"] == 3)
        w.append(rng.uniform(-0.3, 0.3, (2, g * H) if cls == "GRU" and reset_after else (g * H,)))
    return [a.astype(np.float32) for a in w]


def build(layers, features):
    """Random float32 weights for each layer, in Keras's variable order; features = last input dim."""
    weights = []
    for layer in layers:
        cls, cfg = layer["class_name"], layer["config"]
        w = []
        if cls == "Embedding":
            w = [rng.uniform(-0.5, 0.5, (cfg["input_dim"], cfg["output_dim"])).astype(np.float32)]
            features = cfg["output_dim"]
        elif cls in ("SimpleRNN", "LSTM", "GRU"):
            w = recurrent_weights(cls, cfg, features)
            features = cfg["units"]
        elif cls == "Bidirectional":
            icls, icfg = cfg["layer"]["class_name"], cfg["layer"]["config"]
            w = recurrent_weights(icls, icfg, features) + recurrent_weights(icls, icfg, features)
            features = icfg["units"] * (2 if cfg.get("merge_mode", "concat") == "concat" else 1)
        elif cls in ("Dense", "TimeDistributed"):
            dcfg = cfg if cls == "Dense" else cfg["layer"]["config"]
            w = [rng.uniform(-0.7, 0.7, (features, dcfg["units"])).astype(np.float32)]
            if dcfg.get("use_bias", True):
                w.append(rng.uniform(-0.2, 0.2, (dcfg["units"],)).astype(np.float32))
            features = dcfg["units"]
        weights.append(w)
    return weights


def snake(name):
    import re
    s = re.sub(r"(.)([A-Z][a-z0-9]+)", r"\1_\2", name)
    return re.sub(r"([a-z])([A-Z])", r"\1_\2", s).lower()


def write_keras(path, layers, weights, compile_config=None, model_config=None):
    config = model_config or {"module": "keras", "class_name": "Sequential",
                              "config": {"name": "sequential", "trainable": True, "dtype": "float32", "layers": layers},
                              "registered_name": None}
    config["compile_config"] = compile_config
    buf = io.BytesIO()
    with h5py.File(buf, "w") as f:
        f.create_group("vars").attrs["name"] = "sequential"
        counts = {}
        for layer, w in zip(layers, weights):
            if layer["class_name"] == "InputLayer":
                continue
            base = snake(layer["class_name"])
            n = counts.get(base, 0)
            counts[base] = n + 1
            path_ = "layers/" + (base if n == 0 else f"{base}_{n}")
            cls = layer["class_name"]
            own = f.create_group(path_ + "/vars")
            own.attrs["name"] = layer["config"]["name"]

            def put(group, arrays):
                for i, a in enumerate(arrays):
                    group.create_dataset(str(i), data=a)

            if cls in ("SimpleRNN", "LSTM", "GRU"):
                put(f.create_group(path_ + "/cell/vars"), w)
            elif cls == "Bidirectional":
                n2 = len(w) // 2
                for side, arrays in (("backward_layer", w[n2:]), ("forward_layer", w[:n2])):
                    f.create_group(f"{path_}/{side}/vars")
                    put(f.create_group(f"{path_}/{side}/cell/vars"), arrays)
            elif cls == "TimeDistributed":
                put(f.create_group(path_ + "/layer/vars"), w)
            else:
                put(own, w)
    entry = lambda name: zipfile.ZipInfo(name, date_time=(2026, 12, 1, 0, 0, 0))   # the same bytes on every run
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(entry("metadata.json"), json.dumps({"keras_version": "3.6.0", "date_saved": "2026-12-01@00:00:00"}))
        z.writestr(entry("config.json"), json.dumps(config))
        z.writestr(entry("model.weights.h5"), buf.getvalue())


def keras2_weight_names(layer, w):
    cls, name = layer["class_name"], layer["config"]["name"]
    if cls in ("SimpleRNN", "LSTM", "GRU"):
        cell = snake(cls) + "_cell"
        return [f"{name}/{cell}/{v}:0" for v in ("kernel", "recurrent_kernel", "bias")[:len(w)]]
    if cls == "Bidirectional":
        inner = cfg_inner = layer["config"]["layer"]
        icls = inner["class_name"]
        cell = snake(icls) + "_cell"
        iname = inner["config"]["name"]
        n = len(w) // 2
        vs = ("kernel", "recurrent_kernel", "bias")[:n]
        return ([f"{name}/forward_{iname}/{cell}/{v}:0" for v in vs]
                + [f"{name}/backward_{iname}/{cell}/{v}:0" for v in vs])
    if cls == "Embedding":
        return [f"{name}/embeddings:0"]
    return [f"{name}/{v}:0" for v in ("kernel", "bias")[:len(w)]]


def write_keras2_h5(path, layers, weights, split_layer_names=False, model_config=None):
    """Keras 2's save_model(..., save_format='h5') layout. split_layer_names stores layer_names in two chunks
    (layer_names0, layer_names1), as Keras does for attributes over HDF5's 64 KB object header limit."""
    config = model_config or {"class_name": "Sequential", "config": {"name": "sequential", "layers": layers}}
    config.update({"keras_version": "2.11.0", "backend": "tensorflow"})
    with h5py.File(path, "w") as f:
        f.attrs["keras_version"] = "2.11.0"
        f.attrs["backend"] = "tensorflow"
        f.attrs["model_config"] = json.dumps(config)
        g = f.create_group("model_weights")
        named = [(l, w) for l, w in zip(layers, weights) if l["class_name"] != "InputLayer"]
        names = np.array([l["config"]["name"].encode() for l, _ in named])
        if split_layer_names:
            g.attrs["layer_names0"] = names[:len(names) // 2]
            g.attrs["layer_names1"] = names[len(names) // 2:]
        else:
            g.attrs["layer_names"] = names
        g.attrs["backend"] = "tensorflow"
        g.attrs["keras_version"] = "2.11.0"
        for layer, w in named:
            lg = g.create_group(layer["config"]["name"])
            wn = keras2_weight_names(layer, w) if w else []
            lg.attrs["weight_names"] = np.array([n.encode() for n in wn])
            for n, a in zip(wn, w):
                lg.create_dataset(n, data=a)


def keras2_layer(layer):
    """Keras 2 names the input shape batch_input_shape."""
    if layer["class_name"] == "InputLayer":
        cfg = dict(layer["config"])
        cfg["batch_input_shape"] = cfg.pop("batch_shape")
        return {"class_name": "InputLayer", "config": cfg}
    return {"class_name": layer["class_name"], "config": layer["config"]}


def input_layer(*shape):
    return layer_config("InputLayer", batch_shape=[None, *shape], dtype="float32", sparse=False, name="input_layer")


def right_padded(B, T, F, lengths):
    x = rng.standard_normal((B, T, F)).astype(np.float32)
    for b, n in enumerate(lengths):
        x[b, n:] = 0
    return x


def right_padded_ids(B, T, vocab, lengths):
    x = rng.integers(1, vocab, (B, T)).astype(np.int32)
    for b, n in enumerate(lengths):
        x[b, n:] = 0
    return x


# ---------------------------------------------------------------- the models

def synthetic_models():
    models = {}
    models["gru-reset-before"] = (
        [input_layer(7, 4), recurrent("GRU", "gru", 5, reset_after=False, return_sequences=True),
         layer_config("GlobalAveragePooling1D", name="global_average_pooling1d", data_format="channels_last",
                      keepdims=False),
         dense("dense", 3, "softmax")],
        rng.standard_normal((6, 7, 4)).astype(np.float32), 4)
    models["bidirectional-masked"] = (
        [input_layer(9),
         layer_config("Embedding", name="embedding", input_dim=30, output_dim=6, mask_zero=True),
         bidirectional("bidirectional", "sum", recurrent("LSTM", "lstm", 4, return_sequences=True)),
         bidirectional("bidirectional_1", "concat", recurrent("GRU", "gru", 3)),
         dense("dense", 1, "sigmoid")],
        right_padded_ids(5, 9, 30, [9, 4, 1, 7, 2]), None)
    models["simple-rnn-time-distributed"] = (
        [input_layer(6, 3), recurrent("SimpleRNN", "simple_rnn", 5, activation="relu", use_bias=False,
                                      return_sequences=True),
         layer_config("TimeDistributed", name="time_distributed", layer=dense("dense", 2, "softmax")),
         ],
        rng.standard_normal((4, 6, 3)).astype(np.float32), 3)
    models["bidirectional-modes-masking"] = (
        [input_layer(5, 3), layer_config("Masking", name="masking", mask_value=0.0),
         bidirectional("bidirectional", "mul", recurrent("SimpleRNN", "simple_rnn", 3, return_sequences=True)),
         bidirectional("bidirectional_1", "ave", recurrent("GRU", "gru", 2, reset_after=False)),
         layer_config("Dropout", name="dropout", rate=0.25),
         dense("dense", 2)],
        right_padded(4, 5, 3, [5, 2, 3, 1]), 3)
    models["lstm-go-backwards"] = (
        [input_layer(6, 3), recurrent("LSTM", "lstm", 4, go_backwards=True, return_sequences=True),
         recurrent("LSTM", "lstm_1", 3, go_backwards=True, use_bias=False),
         dense("dense", 2, "tanh", use_bias=False)],
        rng.standard_normal((3, 6, 3)).astype(np.float32), 3)
    models["hard-sigmoid"] = (
        [input_layer(6, 3), recurrent("LSTM", "lstm", 4, recurrent_activation="hard_sigmoid", return_sequences=True),
         recurrent("GRU", "gru", 3, reset_after=False, recurrent_activation="hard_sigmoid"), dense("dense", 1)],
        (rng.standard_normal((4, 6, 3)) * 2).astype(np.float32), 3)
    models["gru-max-pooling"] = (
        [input_layer(6, 2), recurrent("GRU", "gru", 4, return_sequences=True, go_backwards=True),
         layer_config("GlobalMaxPooling1D", name="global_max_pooling1d", data_format="channels_last", keepdims=False),
         dense("dense", 2, "sigmoid")],
        rng.standard_normal((3, 6, 2)).astype(np.float32), 2)
    return models


def keras2_models():
    models = {}
    models["keras2-gru"] = (
        [layer_config("Embedding", name="embedding", input_dim=40, output_dim=5, mask_zero=False),
         recurrent("GRU", "gru", 6, reset_after=False), dense("dense", 1, "sigmoid")],
        rng.integers(0, 40, (4, 8)).astype(np.int64), None)
    models["keras2-hard-sigmoid"] = (
        [input_layer(7, 2),
         layer_config("Bidirectional", name="bidirectional", merge_mode="concat",
                      layer=recurrent("LSTM", "lstm", 3, recurrent_activation="hard_sigmoid", return_sequences=True)),
         recurrent("GRU", "gru", 4, reset_after=False, recurrent_activation="hard_sigmoid"), dense("dense", 2, "softmax")],
        (rng.standard_normal((3, 7, 2)) * 2).astype(np.float32), 2)
    old_gru = recurrent("GRU", "gru", 5)
    del old_gru["config"]["reset_after"], old_gru["config"]["recurrent_activation"]   # as Keras 2.0 wrote GRU
    models["keras2-old-defaults"] = (
        [layer_config("Embedding", name="embedding", input_dim=20, output_dim=4), old_gru, dense("dense", 1, "sigmoid")],
        rng.integers(0, 20, (3, 6)).astype(np.int32), None)
    models["keras2-bidirectional"] = (
        [input_layer(8, 3),
         layer_config("Bidirectional", name="bidirectional", merge_mode="concat",
                      layer=recurrent("LSTM", "lstm", 4, return_sequences=True)),
         layer_config("GlobalAveragePooling1D", name="global_average_pooling1d", data_format="channels_last"),
         dense("dense", 2, "softmax")],
        rng.standard_normal((3, 8, 3)).astype(np.float32), 3)
    return models


# ---------------------------------------------------------------- functional models (keras.Model(inputs, outputs))

def keras3_tensor(layer_name, shape=None, tensor_index=0):
    """Keras 3 serialises a symbolic tensor in a call's args as __keras_tensor__ with its keras_history."""
    return {"class_name": "__keras_tensor__",
            "config": {"shape": shape, "dtype": "float32", "keras_history": [layer_name, 0, tensor_index]}}


def keras3_functional(layers, name="functional", calls=None):
    """Keras 3's Functional config: each layer entry gets its name and inbound_nodes ({"args", "kwargs"}); a
    chain unless calls maps a layer name to the list of (layer, tensor_index) it takes."""
    entries = []
    for i, layer in enumerate(layers):
        entry = dict(layer)
        entry["name"] = layer["config"]["name"]
        if layer["class_name"] == "InputLayer":
            entry["inbound_nodes"] = []
        else:
            sources = (calls or {}).get(entry["name"], [(layers[i - 1]["config"]["name"], 0)])
            args = [keras3_tensor(n, tensor_index=t) for n, t in sources]
            kwargs = {"training": False, "mask": None} if layer["class_name"] in RECURRENT else {}
            entry["inbound_nodes"] = [{"args": args if len(args) == 1 else [args], "kwargs": kwargs}]
        entries.append(entry)
    return {"module": "keras.src.models.functional", "class_name": "Functional",
            "config": {"name": name, "trainable": True, "layers": entries,
                       "input_layers": [layers[0]["config"]["name"], 0, 0],
                       "output_layers": [layers[-1]["config"]["name"], 0, 0]},
            "registered_name": "Functional", "build_config": {"input_shape": None}}


def keras2_functional(layers, class_name="Functional", name="model"):
    """Keras 2's Functional (TF2; 'Model' in Keras 2.0-2.3) config: inbound_nodes [[[layer, node, index, kwargs]]]."""
    entries = []
    for i, layer in enumerate(layers):
        entry = dict(layer)
        entry["name"] = layer["config"]["name"]
        entry["inbound_nodes"] = [] if i == 0 else [[[layers[i - 1]["config"]["name"], 0, 0, {}]]]
        entries.append(entry)
    return {"class_name": class_name,
            "config": {"name": name, "layers": entries, "input_layers": [[layers[0]["config"]["name"], 0, 0]],
                       "output_layers": [[layers[-1]["config"]["name"], 0, 0]]}}


RECURRENT = ("SimpleRNN", "LSTM", "GRU", "Bidirectional")


def functional_models():
    models = {}
    models["functional-chain"] = (
        [input_layer(9), layer_config("Embedding", name="embedding", input_dim=30, output_dim=6),
         bidirectional("bidirectional", "concat", recurrent("LSTM", "lstm", 4, return_sequences=True)),
         recurrent("GRU", "gru", 3, return_state=True),     # a chain takes output 0 only: the states go unused
         dense("dense", 2, "softmax")],
        rng.integers(0, 30, (4, 9)).astype(np.int32), None)
    return models


def keras2_functional_models():
    models = {}
    models["keras2-functional"] = (
        [input_layer(8, 3), recurrent("SimpleRNN", "simple_rnn", 4, return_sequences=True),
         layer_config("TimeDistributed", name="time_distributed", layer=dense("dense", 3, "relu")),
         layer_config("GlobalAveragePooling1D", name="global_average_pooling1d", data_format="channels_last"),
         dense("dense_1", 1, "sigmoid")],
        rng.standard_normal((3, 8, 3)).astype(np.float32), 3)
    return models


def masked_models():
    """Keras's outputs at masked steps: carried, zeroed (zero_output_for_mask), shifted (go_backwards)."""
    models = {}
    models["masked-sequences"] = (
        [input_layer(7), layer_config("Embedding", name="embedding", input_dim=20, output_dim=4, mask_zero=True),
         recurrent("LSTM", "lstm", 3, return_sequences=True),                       # masked steps repeat the last
         recurrent("GRU", "gru", 3, return_sequences=True, go_backwards=True),      # the padding first: zeros
         recurrent("SimpleRNN", "simple_rnn", 2, return_sequences=True, zero_output_for_mask=True),
         layer_config("TimeDistributed", name="time_distributed", layer=dense("dense", 2))],
        right_padded_ids(5, 7, 20, [7, 3, 1, 5, 0]), None)
    models["masked-zero-last"] = (
        [input_layer(6, 3), layer_config("Masking", name="masking", mask_value=0.0),
         bidirectional("bidirectional", "concat", recurrent("GRU", "gru", 3, return_sequences=True)),
         recurrent("LSTM", "lstm", 4, return_sequences=True),
         recurrent("LSTM", "lstm_1", 3, zero_output_for_mask=True),                # a padded row's last output: 0
         dense("dense", 2, "tanh")],
        right_padded(4, 6, 3, [6, 2, 4, 5]), 3)
    models["masked-max-pooling"] = (
        [input_layer(6, 3), layer_config("Masking", name="masking", mask_value=0.0),
         bidirectional("bidirectional", "concat", recurrent("SimpleRNN", "simple_rnn", 3, return_sequences=True)),
         layer_config("GlobalMaxPooling1D", name="global_max_pooling1d", data_format="channels_last", keepdims=False),
         dense("dense", 2)],
        right_padded(4, 6, 3, [6, 2, 4, 1]), 3)
    return models


def write_masked_models(summary):
    for name, (layers, x, features) in masked_models().items():
        weights = build(layers, features)
        y = forward(layers, [[a.astype(np.float64) for a in w] for w in weights], x.astype(np.float64))
        write_keras(name + ".keras", layers, weights)
        np.save(f"x_{name}.npy", x)
        np.save(f"y_{name}.npy", y.astype(np.float32))
        summary["models"][name] = "written by gen.py in Keras 3's .keras layout: masked steps"


def hard_sigmoid_gru_models(summary):
    """GRU with reset_after=True (the TF2 / Keras 3 default) and recurrent_activation='hard_sigmoid'."""
    layers = [input_layer(6, 3),
              recurrent("GRU", "gru", 4, recurrent_activation="hard_sigmoid", return_sequences=True),
              bidirectional("bidirectional", "concat", recurrent("GRU", "gru_1", 3, recurrent_activation="hard_sigmoid")),
              dense("dense", 1)]
    x = (rng.standard_normal((4, 6, 3)) * 2).astype(np.float32)
    weights = build(layers, 3)
    y = forward(layers, [[a.astype(np.float64) for a in w] for w in weights], x.astype(np.float64))
    write_keras("gru-hard-sigmoid-reset-after.keras", layers, weights)
    np.save("x_gru-hard-sigmoid-reset-after.npy", x)
    np.save("y_gru-hard-sigmoid-reset-after.npy", y.astype(np.float32))
    summary["models"]["gru-hard-sigmoid-reset-after"] = "written by gen.py in Keras 3's .keras layout"
    HARD_SIGMOID["version"] = 2
    layers = [input_layer(6, 3), recurrent("GRU", "gru", 4, recurrent_activation="hard_sigmoid", reset_after=True),
              dense("dense", 2, "softmax")]
    x = (rng.standard_normal((3, 6, 3)) * 2).astype(np.float32)
    weights = build(layers, 3)
    y = forward(layers, [[a.astype(np.float64) for a in w] for w in weights], x.astype(np.float64))
    write_keras2_h5("keras2-gru-hard-sigmoid-reset-after.h5", [keras2_layer(l) for l in layers], weights)
    np.save("x_keras2-gru-hard-sigmoid-reset-after.npy", x)
    np.save("y_keras2-gru-hard-sigmoid-reset-after.npy", y.astype(np.float32))
    summary["models"]["keras2-gru-hard-sigmoid-reset-after"] = "written by gen.py in Keras 2's legacy .h5 layout"
    HARD_SIGMOID["version"] = 3


def write_functional_models(summary):
    for name, (layers, x, features) in functional_models().items():
        weights = build(layers, features)
        y = forward(layers, [[a.astype(np.float64) for a in w] for w in weights], x.astype(np.float64))
        write_keras(name + ".keras", layers, weights, model_config=keras3_functional(layers))
        np.save(f"x_{name}.npy", x)
        np.save(f"y_{name}.npy", y.astype(np.float32))
        summary["models"][name] = "written by gen.py: a Keras 3 functional model (a chain) in the .keras layout"
    HARD_SIGMOID["version"] = 2
    for name, (layers, x, features) in keras2_functional_models().items():
        weights = build(layers, features)
        y = forward(layers, [[a.astype(np.float64) for a in w] for w in weights], x.astype(np.float64))
        legacy = [keras2_layer(l) for l in layers]
        write_keras2_h5(name + ".h5", legacy, weights, model_config=keras2_functional(legacy))
        np.save(f"x_{name}.npy", x)
        np.save(f"y_{name}.npy", y.astype(np.float32))
        summary["models"][name] = "written by gen.py: a Keras 2 functional model (a chain) in the legacy .h5 layout"
    HARD_SIGMOID["version"] = 3
    # Not a chain: two recurrent layers read the input and a Concatenate joins them; the importer must refuse it.
    branch = [input_layer(6, 3), recurrent("LSTM", "lstm", 4), recurrent("GRU", "gru", 4),
              layer_config("Concatenate", name="concatenate", axis=-1), dense("dense", 1)]
    calls = {"gru": [("input_layer", 0)], "concatenate": [("lstm", 0), ("gru", 0)]}
    weights = build(branch[:2], 3) + build([branch[2]], 3) + [[]] + build([branch[4]], 8)
    write_keras("unsupported-functional-branch.keras", branch, weights, model_config=keras3_functional(branch, calls=calls))


# ---------------------------------------------------------------- encoder-decoder models (two inputs, states passed on)

def seq2seq_forward(enc, enc_w, dec, dec_w, x_enc, x_dec, links=None):
    """Keras's seq2seq model: the encoder chain, then the decoder chain whose recurrent layers named in links (decoder
    layer name -> encoder layer name) start from that encoder layer's final states; without links, the decoder's first
    recurrent layer from the encoder's last layer's."""
    f64 = lambda ws: [[a.astype(np.float64) for a in w] for w in ws]
    mask, x, final = None, x_enc.astype(np.float64), {}
    for layer, w in zip(enc, f64(enc_w)):
        cls, cfg = layer["class_name"], layer["config"]
        if cls == "Embedding":
            ids = x.astype(np.int64)
            x, mask = w[0][ids], (ids != 0 if cfg.get("mask_zero") else None)
        else:
            seq, last, states = run_rnn(cls, cfg, w, x, mask, with_states=True)
            final[cfg["name"]] = states
            x = seq if cfg.get("return_sequences") else last
            mask = mask if cfg.get("return_sequences") else None
    if links is None:
        first = next(l["config"]["name"] for l in dec if l["class_name"] in ("SimpleRNN", "LSTM", "GRU"))
        links = {first: enc[-1]["config"]["name"]}
    mask, x = None, x_dec.astype(np.float64)
    for layer, w in zip(dec, f64(dec_w)):
        cls, cfg = layer["class_name"], layer["config"]
        if cls == "Embedding":
            ids = x.astype(np.int64)
            x, mask = w[0][ids], (ids != 0 if cfg.get("mask_zero") else None)
        elif cls in ("SimpleRNN", "LSTM", "GRU"):
            initial = final[links[cfg["name"]]] if cfg["name"] in links else None
            seq, last = run_rnn(cls, cfg, w, x, mask, initial=initial)
            x = seq if cfg.get("return_sequences") else last
            mask = mask if cfg.get("return_sequences") else None
        else:
            x = forward([layer], [w], x)
    return x


def with_nodes(layers, nodes):
    """Functional config entries: each layer with its name and its calls (inbound_nodes) from nodes by name."""
    entries = []
    for layer in layers:
        entry = dict(layer)
        entry["name"] = layer["config"]["name"]
        entry["inbound_nodes"] = nodes.get(entry["name"], [])
        entries.append(entry)
    return entries


def seq2seq_models(summary):
    """The shape of Keras's seq2seq examples in both file layouts: LSTM states [h, c] from an encoder over masked
    token ids (Keras 3, compiled), GRU states [h] over feature vectors (Keras 2)."""
    enc = [layer_config("Embedding", name="embedding", input_dim=12, output_dim=5, mask_zero=True),
           recurrent("LSTM", "lstm", 6, return_state=True)]
    dec = [layer_config("Embedding", name="embedding_1", input_dim=10, output_dim=5),
           recurrent("LSTM", "lstm_1", 6, return_sequences=True, return_state=True),   # its states go unused
           dense("dense", 10, "softmax")]
    inputs = [layer_config("InputLayer", batch_shape=[None, None], dtype="int32", sparse=False, name=n)
              for n in ("input_layer", "input_layer_1")]
    enc_w, dec_w = build(enc, None), build(dec, None)
    # Keras lists a functional model's layers by depth: both inputs, both embeddings, both LSTMs, the dense layer
    order = [inputs[0], inputs[1], enc[0], dec[0], enc[1], dec[1], dec[2]]
    weights = [[], [], enc_w[0], dec_w[0], enc_w[1], dec_w[1], dec_w[2]]
    t = lambda name, index=0: keras3_tensor(name, tensor_index=index)
    nodes = {"embedding": [{"args": [t("input_layer")], "kwargs": {}}],
             "embedding_1": [{"args": [t("input_layer_1")], "kwargs": {}}],
             "lstm": [{"args": [t("embedding")], "kwargs": {"training": False, "mask": None}}],
             "lstm_1": [{"args": [t("embedding_1")], "kwargs": {"training": False, "mask": None,
                                                                 "initial_state": [t("lstm", 1), t("lstm", 2)]}}],
             "dense": [{"args": [t("lstm_1")], "kwargs": {}}]}
    model = {"module": "keras.src.models.functional", "class_name": "Functional",
             "config": {"name": "functional", "trainable": True, "layers": with_nodes(order, nodes),
                        "input_layers": [["input_layer", 0, 0], ["input_layer_1", 0, 0]],
                        "output_layers": ["dense", 0, 0]},
             "registered_name": "Functional", "build_config": {"input_shape": None}}
    compile_config = {"optimizer": {"module": "keras.optimizers", "class_name": "RMSprop",
                                    "config": {"name": "rmsprop", "learning_rate": 0.001}, "registered_name": None},
                      "loss": "sparse_categorical_crossentropy", "metrics": ["accuracy"]}
    write_keras("seq2seq-lstm.keras", order, weights, compile_config=compile_config, model_config=model)
    x_enc = right_padded_ids(5, 7, 12, [7, 4, 1, 6, 3])
    x_dec = rng.integers(1, 10, (5, 6)).astype(np.int32)
    y = seq2seq_forward(enc, enc_w, dec, dec_w, x_enc, x_dec)
    labels = rng.integers(0, 10, (5, 6)).astype(np.float32)
    p = y.reshape(-1, 10)
    loss = float(np.mean(-np.log(np.clip(p[np.arange(30), labels.reshape(-1).astype(int)], 1e-7, 1 - 1e-7))))
    accuracy = float(np.mean(p.argmax(-1) == labels.reshape(-1)))
    for name, a in (("x_seq2seq-lstm", x_enc), ("x2_seq2seq-lstm", x_dec), ("y_seq2seq-lstm", y.astype(np.float32)),
                    ("labels_seq2seq-lstm", labels)):
        np.save(name + ".npy", a)
    summary["models"]["seq2seq-lstm"] = "written by gen.py: a Keras 3 encoder-decoder (LSTM states) in the .keras layout"
    summary["evaluate_seq2seq-lstm"] = {"loss": loss, "accuracy": accuracy}

    HARD_SIGMOID["version"] = 2
    enc = [recurrent("GRU", "gru", 5, return_state=True)]
    dec = [recurrent("GRU", "gru_1", 5, return_sequences=True), dense("dense", 2, "sigmoid")]
    enc_w, dec_w = build(enc, 4), build(dec, 3)
    inputs = [{"class_name": "InputLayer", "config": {"batch_input_shape": [None, None, f], "dtype": "float32",
                                                       "sparse": False, "name": n}}
              for n, f in (("input_1", 4), ("input_2", 3))]
    order = [inputs[0], inputs[1], keras2_layer(enc[0]), keras2_layer(dec[0]), keras2_layer(dec[1])]
    nodes = {"gru": [[["input_1", 0, 0, {}]]], "gru_1": [[["input_2", 0, 0, {}], ["gru", 0, 1, {}]]],
             "dense": [[["gru_1", 0, 0, {}]]]}
    model = {"class_name": "Functional",
             "config": {"name": "model", "layers": with_nodes(order, nodes), "input_layers": [["input_1", 0, 0], ["input_2", 0, 0]],
                        "output_layers": [["dense", 0, 0]]}}
    write_keras2_h5("keras2-seq2seq-gru.h5", order, [[], [], enc_w[0], dec_w[0], dec_w[1]], model_config=model)
    x_enc = rng.standard_normal((3, 5, 4)).astype(np.float32)
    x_dec = rng.standard_normal((3, 4, 3)).astype(np.float32)
    y = seq2seq_forward(enc, enc_w, dec, dec_w, x_enc, x_dec)
    for name, a in (("x_keras2-seq2seq-gru", x_enc), ("x2_keras2-seq2seq-gru", x_dec),
                    ("y_keras2-seq2seq-gru", y.astype(np.float32))):
        np.save(name + ".npy", a)
    summary["models"]["keras2-seq2seq-gru"] = "written by gen.py: a Keras 2 encoder-decoder (GRU state) in the .h5 layout"
    HARD_SIGMOID["version"] = 3

    # Keras's multi-layer seq2seq: encoder LSTM k's [h, c] start decoder LSTM k
    enc = [layer_config("Embedding", name="embedding", input_dim=12, output_dim=5, mask_zero=True),
           recurrent("LSTM", "lstm", 6, return_sequences=True, return_state=True),
           recurrent("LSTM", "lstm_1", 4, return_state=True)]
    dec = [layer_config("Embedding", name="embedding_1", input_dim=10, output_dim=5),
           recurrent("LSTM", "lstm_2", 6, return_sequences=True),
           recurrent("LSTM", "lstm_3", 4, return_sequences=True),
           dense("dense", 10, "softmax")]
    inputs = [layer_config("InputLayer", batch_shape=[None, None], dtype="int32", sparse=False, name=n)
              for n in ("input_layer", "input_layer_1")]
    enc_w, dec_w = build(enc, None), build(dec, None)
    order = [inputs[0], inputs[1], enc[0], dec[0], enc[1], enc[2], dec[1], dec[2], dec[3]]
    weights = [[], [], enc_w[0], dec_w[0], enc_w[1], enc_w[2], dec_w[1], dec_w[2], dec_w[3]]
    recurrent_kwargs = lambda **more: dict({"training": False, "mask": None}, **more)
    nodes = {"embedding": [{"args": [t("input_layer")], "kwargs": {}}],
             "embedding_1": [{"args": [t("input_layer_1")], "kwargs": {}}],
             "lstm": [{"args": [t("embedding")], "kwargs": recurrent_kwargs()}],
             "lstm_1": [{"args": [t("lstm")], "kwargs": recurrent_kwargs()}],
             "lstm_2": [{"args": [t("embedding_1")],
                         "kwargs": recurrent_kwargs(initial_state=[t("lstm", 1), t("lstm", 2)])}],
             "lstm_3": [{"args": [t("lstm_2")],
                         "kwargs": recurrent_kwargs(initial_state=[t("lstm_1", 1), t("lstm_1", 2)])}],
             "dense": [{"args": [t("lstm_3")], "kwargs": {}}]}
    model = {"module": "keras.src.models.functional", "class_name": "Functional",
             "config": {"name": "functional", "trainable": True, "layers": with_nodes(order, nodes),
                        "input_layers": [["input_layer", 0, 0], ["input_layer_1", 0, 0]],
                        "output_layers": ["dense", 0, 0]},
             "registered_name": "Functional", "build_config": {"input_shape": None}}
    write_keras("seq2seq-stacked.keras", order, weights, compile_config=compile_config, model_config=model)
    x_enc = right_padded_ids(4, 6, 12, [6, 3, 0, 5])           # an all-padding source row too
    x_dec = rng.integers(1, 10, (4, 5)).astype(np.int32)
    y = seq2seq_forward(enc, enc_w, dec, dec_w, x_enc, x_dec, links={"lstm_2": "lstm", "lstm_3": "lstm_1"})
    for name, a in (("x_seq2seq-stacked", x_enc), ("x2_seq2seq-stacked", x_dec), ("y_seq2seq-stacked", y.astype(np.float32))):
        np.save(name + ".npy", a)
    summary["models"]["seq2seq-stacked"] = ("written by gen.py: a Keras 3 encoder-decoder of two LSTM layers each, "
                                            "layer k's states starting decoder layer k")


def real_keras_weights(path):
    """The weights of a .keras file (Keras's, or one rnn4j saved), read with h5py in each layer's variable order."""
    with zipfile.ZipFile(path) as z:
        config = json.loads(z.read("config.json"))
        f = h5py.File(io.BytesIO(z.read("model.weights.h5")), "r")
    layers = config["config"]["layers"]
    weights, counts = [], {}
    for layer in layers:
        if layer["class_name"] == "InputLayer":
            weights.append([])
            continue
        base = snake(layer["class_name"])
        n = counts.get(base, 0)
        counts[base] = n + 1
        group = f["layers/" + (base if n == 0 else f"{base}_{n}")]
        read = lambda g: [g[str(i)][()] for i in range(len(g))]
        if layer["class_name"] == "Bidirectional":
            weights.append(read(group["forward_layer/cell/vars"]) + read(group["backward_layer/cell/vars"]))
        elif layer["class_name"] == "TimeDistributed":
            weights.append(read(group["layer/vars"]))
        else:
            weights.append(read(group["cell/vars"] if "cell" in group else group["vars"]))
    return layers, weights


def main():
    torch_errors = check_against_torch()
    summary = {"reference_vs_torch_max_abs_error": torch_errors, "models": {}}

    for name in ("imdb-lstm", "imdb-2lstm", "imdb-gru"):
        layers, weights = real_keras_weights(name + ".keras")
        x = rng.integers(0, 500, (8, 100)).astype(np.int32)
        y = forward(layers, [[a.astype(np.float64) for a in w] for w in weights], x).astype(np.float32)
        np.save(f"x_{name}.npy", x)
        np.save(f"y_{name}.npy", y)
        summary["models"][name] = "real Keras 3.6 file"

    labels = rng.integers(0, 2, (8, 1)).astype(np.float32)
    np.save("labels_imdb-lstm.npy", labels)
    p = np.load("y_imdb-lstm.npy").astype(np.float64)
    eps = 1e-7
    pc = np.clip(p, eps, 1 - eps)
    loss = float(np.mean(-(labels * np.log(pc) + (1 - labels) * np.log(1 - pc))))
    accuracy = float(np.mean((p > 0.5) == (labels > 0.5)))
    summary["evaluate_imdb-lstm"] = {"loss": loss, "accuracy": accuracy}

    for name, (layers, x, features) in synthetic_models().items():
        weights = build(layers, features)
        y = forward(layers, [[a.astype(np.float64) for a in w] for w in weights], x.astype(np.float64))
        write_keras(name + ".keras", layers, weights)
        np.save(f"x_{name}.npy", x)
        np.save(f"y_{name}.npy", y.astype(np.float32))
        summary["models"][name] = "written by gen.py in Keras 3's .keras layout"

    for name, (layers, x, features) in keras2_models().items():
        HARD_SIGMOID["version"] = 2
        weights = build(layers, features)
        y = forward(layers, [[a.astype(np.float64) for a in w] for w in weights], x.astype(np.float64))
        write_keras2_h5(name + ".h5", [keras2_layer(l) for l in layers], weights, split_layer_names=name == "keras2-gru")
        np.save(f"x_{name}.npy", x)
        np.save(f"y_{name}.npy", y.astype(np.float32))
        summary["models"][name] = "written by gen.py in Keras 2's legacy .h5 layout"
    HARD_SIGMOID["version"] = 3

    # Models the importer must refuse with a clear message.
    conv = [input_layer(6, 3), layer_config("Conv1D", name="conv1d", filters=2, kernel_size=3), dense("dense", 1)]
    write_keras("unsupported-conv1d.keras", conv, [[], [rng.standard_normal((3, 3, 2)).astype(np.float32)],
                                                   [np.ones((2, 1), np.float32), np.zeros(1, np.float32)]])
    write_functional_models(summary)
    write_masked_models(summary)
    hard_sigmoid_gru_models(summary)
    seq2seq_models(summary)
    with open("expected.json", "w") as f:
        json.dump(summary, f, indent=1, sort_keys=True)
    print(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
