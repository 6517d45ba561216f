package dev.rnn4j.nn;

import dev.rnn4j.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.rnn4j.nn.Fixtures.assertClose;
import static dev.rnn4j.nn.Fixtures.randn;
import static dev.rnn4j.nn.Fixtures.slice;

/**
 * Running a sequence one time step at a time, carrying (h, c) from call to call, equals running it whole;
 * and back-propagating step by step (dh, dc of step t become dHn, dCn of step t−1) equals BPTT over the whole.
 */
class StepByStepTest {
    static Stream<RecurrentConfig> configs() { return Fixtures.configs(false, false).stream(); }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void oneStepAtATimeEqualsWholeSequence(RecurrentConfig cfg) {
        int T = 4, B = 3;
        boolean lstm = cfg.kind() == RecurrentKind.LSTM;
        RecurrentNetwork whole = RecurrentNetwork.create(cfg), stepped = RecurrentNetwork.create(cfg);
        Tensor x = randn(1, T, B, cfg.inputSize()), h0 = Fixtures.h0(cfg, B, 2), c0 = Fixtures.c0(cfg, B, 3);
        Tensor dy = randn(4, T, B, cfg.outputSize()), dhN = Fixtures.h0(cfg, B, 5), dcN = Fixtures.c0(cfg, B, 6);

        RecurrentOutput all = whole.forward(x, null, h0, c0);
        RecurrentGradients gAll = whole.backward(all, dy, dhN, dcN);

        List<RecurrentOutput> outs = new ArrayList<>();
        Tensor h = h0, c = c0;
        for (int t = 0; t < T; t++) {
            RecurrentOutput o = stepped.forward(slice(x, t, t + 1, 0, B), null, h, c);
            outs.add(o);
            h = o.hN();
            c = o.cN();
        }
        assertClose(all.output(), Fixtures.cat0(outs.stream().map(RecurrentOutput::output).toList()), "output");
        assertClose(all.hN(), h, "h_n");
        if (lstm) assertClose(all.cN(), c, "c_n");

        Tensor dh = dhN, dc = dcN;
        List<Tensor> dxs = new ArrayList<>();
        for (int t = T - 1; t >= 0; t--) {
            RecurrentGradients g = stepped.backward(outs.get(t), slice(dy, t, t + 1, 0, B), dh, dc);
            dxs.addFirst(g.input());
            dh = g.h0();
            dc = g.c0();
        }
        assertClose(gAll.input(), Fixtures.cat0(dxs), "grad input");
        assertClose(gAll.h0(), dh, "grad h0");
        if (lstm) assertClose(gAll.c0(), dc, "grad c0");
        for (int i = 0; i < whole.parameters().size(); i++) {
            Parameter p = whole.parameters().get(i);
            assertClose(p.gradient(), stepped.parameters().get(i).gradient(), "grad " + p.name());
        }
    }
}
