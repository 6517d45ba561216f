package dev.rnn4j.nn;

import dev.rnn4j.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static dev.rnn4j.nn.Fixtures.assertClose;
import static dev.rnn4j.nn.Fixtures.randn;
import static dev.rnn4j.nn.Fixtures.swap01;

/**
 * batchFirst only changes the layout: (B, T, ·) results are the transposes of the (T, B, ·) ones; states are equal.
 */
class LayoutTest {
    static Stream<RecurrentConfig> configs() { return Fixtures.configs(true, false).stream(); }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void batchFirstIsTheTransposeOfTimeMajor(RecurrentConfig timeMajor) {
        RecurrentConfig batchFirst = new RecurrentConfig(timeMajor.kind(), timeMajor.inputSize(),
                timeMajor.hiddenSize(), timeMajor.numLayers(), timeMajor.bias(), true, timeMajor.dropout(),
                timeMajor.bidirectional(), timeMajor.projSize(), timeMajor.nonlinearity(), timeMajor.seed());
        int T = 4, B = 3;
        int[] lengths = {2, 4, 3};
        RecurrentNetwork tm = RecurrentNetwork.create(timeMajor), bf = RecurrentNetwork.create(batchFirst);
        Tensor x = randn(1, T, B, timeMajor.inputSize()), h0 = Fixtures.h0(timeMajor, B, 2),
                c0 = Fixtures.c0(timeMajor, B, 3);
        Tensor dy = randn(4, T, B, timeMajor.directions() * timeMajor.outputSize());

        RecurrentOutput a = tm.forward(x, lengths, h0, c0), b = bf.forward(swap01(x), lengths, h0, c0);
        assertClose(a.output(), swap01(b.output()), "output");
        assertClose(a.hN(), b.hN(), "h_n");
        assertClose(a.cN(), b.cN(), "c_n");
        RecurrentGradients ga = tm.backward(a, dy, null, null), gb = bf.backward(b, swap01(dy), null, null);
        assertClose(ga.input(), swap01(gb.input()), "grad input");
        assertClose(ga.h0(), gb.h0(), "grad h0");
        for (int i = 0; i < tm.parameters().size(); i++) {
            assertClose(tm.parameters().get(i).gradient(), bf.parameters().get(i).gradient(),
                    "grad " + tm.parameters().get(i).name());
        }
    }
}
