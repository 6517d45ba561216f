/**
 * PyTorch import without Python: {@link dev.rnn4j.torch.TorchStateDict} reads {@code torch.save(state_dict)}
 * files, zip or legacy, pickle protocol 2 to 5, also training checkpoints holding a state_dict (through a
 * restricted unpickler that knows only tensors and plain values and refuses every other global before building
 * anything), and safetensors files; {@link dev.rnn4j.torch.TorchRecurrent} turns the state_dict of
 * {@code torch.nn.LSTM/GRU/RNN} into rnn4j's layer, its configuration read from names and shapes;
 * {@link dev.rnn4j.torch.TorchCharLm} turns a character model's into a {@link dev.rnn4j.lm.CharLanguageModel}.
 * The {@code import torch} command is a thin wrapper of these.
 */
package dev.rnn4j.torch;
