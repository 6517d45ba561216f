package dev.rnn4j.nn;

import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.rnn4j.nn.Fixtures.assertClose;
import static dev.rnn4j.nn.Fixtures.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A cell step equals a one-layer, one-step layer with the same parameters, forward and backward. */
class CellTest {
    static final int I = 4, H = 6, B = 3;

    @Test
    void lstmCellEqualsOneStepLstm() {
        LstmCell cell = new LstmCell(I, H, true, new Rng(5));
        Lstm lstm = new Lstm(I, H);
        copy(cell.parameters(), lstm.parameters());
        Tensor x = randn(1, B, I), h = randn(2, B, H), c = randn(3, B, H), dh = randn(4, B, H), dc = randn(5, B, H);

        CellOutput o = cell.forward(x, h, c);
        RecurrentOutput out = lstm.forward(x.reshape(1, B, I), h.reshape(1, B, H), c.reshape(1, B, H));
        assertClose(out.output().reshape(B, H), o.h(), "h'");
        assertClose(out.cN().reshape(B, H), o.c(), "c'");

        CellGradients g = cell.backward(o, dh, dc);
        RecurrentGradients gl = lstm.backward(out, dh.reshape(1, B, H), null, dc.reshape(1, B, H));
        assertClose(gl.input().reshape(B, I), g.input(), "grad input");
        assertClose(gl.h0().reshape(B, H), g.h(), "grad h");
        assertClose(gl.c0().reshape(B, H), g.c(), "grad c");
        assertSameGradients(lstm.parameters(), cell.parameters());
    }

    @Test
    void gruCellEqualsOneStepGru() {
        GruCell cell = new GruCell(I, H, true, new Rng(6));
        Gru gru = new Gru(I, H);
        copy(cell.parameters(), gru.parameters());
        Tensor x = randn(1, B, I), h = randn(2, B, H), dh = randn(4, B, H);
        CellOutput o = cell.forward(x, h);
        RecurrentOutput out = gru.forward(x.reshape(1, B, I), h.reshape(1, B, H));
        assertClose(out.hN().reshape(B, H), o.h(), "h'");
        assertNull(o.c());
        CellGradients g = cell.backward(o, dh);
        RecurrentGradients gl = gru.backward(out, null, dh.reshape(1, B, H));
        assertClose(gl.input().reshape(B, I), g.input(), "grad input");
        assertClose(gl.h0().reshape(B, H), g.h(), "grad h");
        assertSameGradients(gru.parameters(), cell.parameters());
    }

    @Test
    void rnnCellEqualsOneStepRnnForBothNonlinearities() {
        for (Nonlinearity act : Nonlinearity.values()) {
            RnnCell cell = new RnnCell(I, H, false, act, new Rng(7));
            Rnn rnn = Rnn.builder(I, H).bias(false).nonlinearity(act).build();
            copy(cell.parameters(), rnn.parameters());
            Tensor x = randn(1, B, I), dh = randn(4, B, H);
            CellOutput o = cell.forward(x, null);                     // null h means zeros
            RecurrentOutput out = rnn.forward(x.reshape(1, B, I));
            assertClose(out.hN().reshape(B, H), o.h(), act + " h'");
            CellGradients g = cell.backward(o, dh);
            RecurrentGradients gl = rnn.backward(out, dh.reshape(1, B, H), null);
            assertClose(gl.input().reshape(B, I), g.input(), act + " grad input");
            assertClose(gl.h0().reshape(B, H), g.h(), act + " grad h");
            assertSameGradients(rnn.parameters(), cell.parameters());
        }
    }

    @Test
    void cellParametersAreNamedAsInPyTorch() {
        assertEquals(List.of("weight_ih", "weight_hh", "bias_ih", "bias_hh"),
                new LstmCell(I, H).parameters().stream().map(Parameter::name).toList());
        assertArrayEquals(new int[] {3 * H, I}, new GruCell(I, H).parameter("weight_ih").shape());
        assertEquals(List.of("weight_ih", "weight_hh"),
                new RnnCell(I, H, false, Nonlinearity.TANH, new Rng(0)).parameters().stream()
                        .map(Parameter::name).toList());
    }

    /** Copies a cell's parameters into the layer's: weight_ih → weight_ih_l0, and so on. */
    private static void copy(List<Parameter> cell, List<Parameter> layer) {
        assertEquals(cell.size(), layer.size());
        for (int i = 0; i < cell.size(); i++) {
            assertEquals(cell.get(i).name() + "_l0", layer.get(i).name());
            layer.get(i).set(cell.get(i).value());
        }
    }

    private static void assertSameGradients(List<Parameter> layer, List<Parameter> cell) {
        for (int i = 0; i < layer.size(); i++) {
            assertClose(layer.get(i).gradient(), cell.get(i).gradient(), "grad " + cell.get(i).name());
        }
    }
}
