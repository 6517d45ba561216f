package dev.rnn4j.nn;

import dev.rnn4j.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.rnn4j.nn.Fixtures.assertClose;
import static dev.rnn4j.nn.Fixtures.randn;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Parameter gradients accumulate across backward calls, as in PyTorch; two forwards may be outstanding and each
 * backward uses its own saved state; zeroGrad clears.
 */
class GradientAccumulationTest {
    static Stream<RecurrentConfig> configs() { return Fixtures.configs(true, true).stream(); }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void twoBackwardsAccumulateAndOutstandingForwardsStaySeparate(RecurrentConfig cfg) {
        int T = 3, B = 2, W = cfg.directions() * cfg.outputSize();
        RecurrentNetwork net = RecurrentNetwork.create(cfg), ref1 = RecurrentNetwork.create(cfg),
                ref2 = RecurrentNetwork.create(cfg);
        Tensor x1 = randn(1, B, T, cfg.inputSize()), x2 = randn(2, B, T, cfg.inputSize());
        Tensor dy1 = randn(3, B, T, W), dy2 = randn(4, B, T, W);

        // two outstanding forwards, backward in the "wrong" order
        RecurrentOutput o1 = net.forward(x1, null, null, null), o2 = net.forward(x2, new int[] {T, 1}, null, null);
        RecurrentGradients g2 = net.backward(o2, dy2, null, null);
        RecurrentGradients g1 = net.backward(o1, dy1, null, null);

        RecurrentGradients r1 = ref1.backward(ref1.forward(x1, null, null, null), dy1, null, null);
        RecurrentGradients r2 = ref2.backward(ref2.forward(x2, new int[] {T, 1}, null, null), dy2, null, null);
        assertClose(r1.input(), g1.input(), "grad input of the first forward");
        assertClose(r2.input(), g2.input(), "grad input of the second forward");
        List<Parameter> p = net.parameters();
        for (int i = 0; i < p.size(); i++) {
            Tensor sum = Fixtures.plus(ref1.parameters().get(i).gradient(), ref2.parameters().get(i).gradient());
            assertClose(sum, p.get(i).gradient(), "accumulated grad " + p.get(i).name());
        }
        for (Parameter q : p) q.zeroGrad();
        for (Parameter q : p) for (float v : q.gradient().data()) assertEquals(0f, v);
    }
}
