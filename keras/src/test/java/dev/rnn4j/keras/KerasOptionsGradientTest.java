package dev.rnn4j.keras;

import dev.rnn4j.nn.GateFunction;
import dev.rnn4j.nn.Parameter;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.rnn4j.keras.KerasGradientTest.checkLayer;
import static dev.rnn4j.keras.KerasGradientTest.checkStates;
import static dev.rnn4j.keras.KerasGradientTest.randomize;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Central-difference checks of the options Keras files use: GRU reset_after=False, use_bias=False,
 * go_backwards, masked steps (carried or zero outputs), Bidirectional merge modes, GlobalAveragePooling1D and
 * TimeDistributed.
 */
class KerasOptionsGradientTest {
    @Test
    void gruWithResetBeforeHasOneBias() {
        Rng rng = new Rng(31);
        GRU gru = new GRU(3).resetAfter(false);
        gru.returnSequences(true);
        gru.build(Shape.batchOf(Shape.NONE, 2), rng);
        assertEquals(List.of("weight_ih_l0", "weight_hh_l0", "bias_ih_l0"), gru.parameters().stream().map(Parameter::name).toList());
        assertEquals(3 * 3 * (2 + 3 + 1), gru.trainableParams());
        randomize(gru.parameters().get(2), rng);
        checkLayer("GRU reset_after=False", gru, Tensor.randn(rng, 3, 4, 2), new int[] {4, 2, 3}, rng);
        GRU withState = new GRU(3).resetAfter(false);
        withState.returnState(true);
        withState.build(Shape.batchOf(Shape.NONE, 2), rng);
        checkStates("GRU reset_after=False", (x, init) -> withState.call(x, new int[] {3, 1, 2}, init, false),
                withState.parameters(), 1, 3, rng);
    }

    @Test
    void hardSigmoidGates() {
        Rng rng = new Rng(37);
        LSTM lstm = new LSTM(3);
        lstm.recurrentActivation(GateFunction.HARD_SIGMOID_KERAS2).returnSequences(true);
        lstm.build(Shape.batchOf(Shape.NONE, 2), rng);
        checkLayer("LSTM hard_sigmoid", lstm, Tensor.randn(rng, 3, 4, 2), new int[] {4, 2, 3}, rng);
        Bidirectional bi = new Bidirectional(new GRU(3).resetAfter(false).recurrentActivation(GateFunction.HARD_SIGMOID_KERAS3));
        bi.build(Shape.batchOf(Shape.NONE, 2), rng);
        checkLayer("Bidirectional GRU hard_sigmoid", bi, Tensor.randn(rng, 3, 4, 2), new int[] {4, 2, 3}, rng);
        GRU resetAfter = new GRU(3);
        resetAfter.recurrentActivation(GateFunction.HARD_SIGMOID_KERAS3).returnSequences(true);
        resetAfter.build(Shape.batchOf(Shape.NONE, 2), rng);
        checkLayer("GRU reset_after hard_sigmoid", resetAfter, Tensor.randn(rng, 3, 4, 2), new int[] {4, 2, 3}, rng);
        assertThrows(IllegalArgumentException.class, () -> new SimpleRNN(2).recurrentActivation(GateFunction.HARD_SIGMOID_KERAS3));
    }

    @Test
    void withoutBias() {
        Rng rng = new Rng(32);
        LSTM lstm = new LSTM(3);
        lstm.useBias(false);
        lstm.build(Shape.batchOf(Shape.NONE, 2), rng);
        assertEquals(List.of("weight_ih_l0", "weight_hh_l0"), lstm.parameters().stream().map(Parameter::name).toList());
        checkLayer("LSTM use_bias=False", lstm, Tensor.randn(rng, 2, 4, 2), null, rng);
        Dense dense = new Dense(3, Activation.TANH).useBias(false);
        dense.build(Shape.batchOf(4), rng);
        assertEquals(12, dense.trainableParams());
        checkLayer("Dense use_bias=False", dense, Tensor.randn(rng, 2, 4), null, rng);
    }

    @Test
    void goBackwards() {
        Rng rng = new Rng(33);
        LSTM lstm = new LSTM(3);
        lstm.returnSequences(true).goBackwards(true);
        lstm.build(Shape.batchOf(Shape.NONE, 2), rng);
        Tensor x = Tensor.randn(rng, 2, 4, 2);
        // Going backwards over x is going forwards over x reversed in time; outputs in processing order.
        LSTM forward = new LSTM(3);
        forward.returnSequences(true);
        forward.build(Shape.batchOf(Shape.NONE, 2), rng);
        for (int i = 0; i < lstm.parameters().size(); i++) {
            Parameter from = lstm.parameters().get(i), to = forward.parameters().get(i);
            System.arraycopy(from.data(), from.offset(), to.data(), to.offset(), from.size());
        }
        assertArrayEquals(forward.call(RecurrentRunner.reverseSteps(x, null), null, false).output().data(),
                lstm.call(x, null, false).output().data());
        checkLayer("LSTM go_backwards", lstm, x, null, rng);

        GRU gru = new GRU(3);
        gru.goBackwards(true);
        gru.build(Shape.batchOf(Shape.NONE, 2), rng);
        checkLayer("GRU go_backwards masked", gru, Tensor.randn(rng, 3, 4, 2), new int[] {4, 1, 2}, rng);
        // With a mask the padding comes first in processing order: zeros, then the valid steps' outputs.
        GRU sequences = new GRU(3);
        sequences.returnSequences(true).goBackwards(true);
        sequences.build(Shape.batchOf(Shape.NONE, 2), rng);
        Tensor padded = Tensor.randn(rng, 3, 4, 2);
        Tensor y = sequences.call(padded, new int[] {4, 1, 0}, false).output();
        assertArrayEquals(new float[6], java.util.Arrays.copyOfRange(y.data(), 12, 18));     // row 1, steps 0-1
        assertNotEquals(0f, y.get(1, 3, 0));
        checkLayer("GRU go_backwards return_sequences masked", sequences, padded, new int[] {4, 1, 0}, rng);
    }

    @Test
    void maskedStepsAsKeras() {
        Rng rng = new Rng(38);
        // Masked steps repeat the previous output (Keras's default zero_output_for_mask=False).
        LSTM carry = new LSTM(3);
        carry.returnSequences(true);
        carry.build(Shape.batchOf(Shape.NONE, 2), rng);
        Tensor x = Tensor.randn(rng, 3, 4, 2);
        int[] lengths = {4, 2, 0};
        Tensor y = carry.call(x, lengths, false).output();
        for (int j = 0; j < 3; j++) {
            assertEquals(y.get(1, 1, j), y.get(1, 2, j));
            assertEquals(y.get(1, 1, j), y.get(1, 3, j));
            assertEquals(0f, y.get(2, 3, j));
        }
        checkLayer("LSTM masked steps carried", carry, x, lengths, rng);
        // zero_output_for_mask: zeros at masked steps, and a padded row's last output is 0.
        SimpleRNN zeros = new SimpleRNN(3);
        zeros.returnSequences(true).zeroOutputForMask(true);
        zeros.build(Shape.batchOf(Shape.NONE, 2), rng);
        assertEquals(0f, zeros.call(x, lengths, false).output().get(1, 3, 0));
        checkLayer("SimpleRNN zero_output_for_mask", zeros, x, lengths, rng);
        GRU last = new GRU(3);
        last.zeroOutputForMask(true);
        last.build(Shape.batchOf(Shape.NONE, 2), rng);
        Tensor h = last.call(x, lengths, false).output();
        assertEquals(0f, h.get(1, 0));
        assertNotEquals(0f, h.get(0, 0));
        checkLayer("GRU zero_output_for_mask last output", last, x, lengths, rng);
    }

    @Test
    void bidirectionalMergeModes() {
        for (MergeMode mode : MergeMode.values()) {
            for (boolean sequences : new boolean[] {false, true}) {
                Rng rng = new Rng(34);
                Bidirectional bi = new Bidirectional(new SimpleRNN(3).returnSequences(sequences)).mergeMode(mode);
                bi.build(Shape.batchOf(Shape.NONE, 2), rng);
                int width = mode == MergeMode.CONCAT ? 6 : 3;
                assertEquals(width, bi.outputShape().last());
                // Inputs at half scale keep tanh's curvature, and so the O(ε²) error of central differences, small.
                Tensor x = Tensor.randn(rng, 3, 4, 2);
                for (int i = 0; i < x.numel(); i++) x.data()[i] *= 0.5f;
                checkLayer("Bidirectional " + mode + " returnSequences=" + sequences, bi, x, new int[] {4, 2, 3}, rng);
            }
        }
    }

    @Test
    void globalAveragePoolingOverValidSteps() {
        Rng rng = new Rng(35);
        GlobalAveragePooling1D pool = new GlobalAveragePooling1D();
        pool.build(Shape.batchOf(Shape.NONE, 3), rng);
        Tensor x = Tensor.randn(rng, 2, 4, 3);
        LayerCall c = pool.call(x, new int[] {4, 2}, false);
        assertEquals((x.get(1, 0, 1) + x.get(1, 1, 1)) / 2, c.output().get(1, 1), 1e-6);
        checkLayer("GlobalAveragePooling1D", pool, x, new int[] {4, 2}, rng);
        checkLayer("GlobalAveragePooling1D unmasked", pool, x, null, rng);
    }

    @Test
    void timeDistributedDense() {
        Rng rng = new Rng(36);
        TimeDistributed td = new TimeDistributed(new Dense(2, Activation.SOFTMAX));
        Sequential model = Sequential.of(new LSTM(3).returnSequences(true), td);
        model.build(Shape.NONE, 2);
        assertEquals(List.of("lstm", "time_distributed"), model.layerNames());
        assertEquals(Shape.of(Shape.NONE, Shape.NONE, 2), td.outputShape());
        checkLayer("TimeDistributed(Dense)", td, Tensor.randn(rng, 2, 3, 3), null, rng);
    }
}
