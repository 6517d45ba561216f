package dev.rnn4j.keras;

import dev.rnn4j.nn.RecurrentGradients;
import dev.rnn4j.nn.RecurrentNetwork;
import dev.rnn4j.nn.RecurrentOutput;
import dev.rnn4j.tensor.Tensor;

import java.util.function.UnaryOperator;

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

    static RecurrentPass of(RecurrentNetwork network, RecurrentOutput out) { return of(network, out, dx -> dx); }

    /** The network's pass whose input gradient goes through {@code inputGradient} (the input was transformed). */
    static RecurrentPass of(RecurrentNetwork network, RecurrentOutput out, UnaryOperator<Tensor> inputGradient) {
        return new RecurrentPass() {
            @Override
            public Tensor output() { return out.output(); }

            @Override
            public Tensor hN() { return out.hN(); }

            @Override
            public Tensor cN() { return out.cN(); }

            @Override
            public RecurrentGradients backward(Tensor dOutput, Tensor dHn, Tensor dCn) {
                RecurrentGradients g = network.backward(out, dOutput, dHn, dCn);
                return new RecurrentGradients(inputGradient.apply(g.input()), g.h0(), g.c0());
            }
        };
    }
}
