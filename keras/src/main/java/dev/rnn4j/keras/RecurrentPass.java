package dev.rnn4j.keras;

import dev.rnn4j.nn.RecurrentGradients;
import dev.rnn4j.nn.RecurrentNetwork;
import dev.rnn4j.nn.RecurrentOutput;
import dev.rnn4j.tensor.Tensor;

/**
 * One forward of a Keras recurrent layer's recurrence, in PyTorch's batch-first shapes, with what its backward needs:
 * the core network's ({@link #of}), or {@link DropoutRecurrence}'s when dropout masks apply.
 */
interface RecurrentPass {
    /** (B, T, D·H), zeros at padded steps. */
    Tensor output();

    /** (D, B, H): each row's state after its last real step. */
    Tensor hN();

    /** (D, B, H) for LSTM, else null. */
    Tensor cN();

    /** Gradients from dL/d output, dL/d h_n and dL/d c_n (each null for zeros); parameter gradients accumulate. */
    RecurrentGradients backward(Tensor dOutput, Tensor dHn, Tensor dCn);

    static RecurrentPass of(RecurrentNetwork network, RecurrentOutput out) {
        return new RecurrentPass() {
            @Override
            public Tensor output() { return out.output(); }

            @Override
            public Tensor hN() { return out.hN(); }

            @Override
            public Tensor cN() { return out.cN(); }

            @Override
            public RecurrentGradients backward(Tensor dOutput, Tensor dHn, Tensor dCn) {
                return network.backward(out, dOutput, dHn, dCn);
            }
        };
    }
}
