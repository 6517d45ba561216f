package dev.rnn4j.golden;

import dev.rnn4j.loss.CrossEntropy;
import dev.rnn4j.nn.Embedding;
import dev.rnn4j.nn.Linear;
import dev.rnn4j.nn.Lstm;
import dev.rnn4j.nn.Parameter;
import dev.rnn4j.nn.ParameterBuffer;
import dev.rnn4j.nn.RecurrentOutput;
import dev.rnn4j.optim.Adam;
import dev.rnn4j.optim.AdamConfig;
import dev.rnn4j.optim.GradClip;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Golden case of kind {@code charlm_train}: a character language model
 * {@code Embedding(V,H) → LSTM(H,H,L, batch_first) → Linear(H,V)} trained for a few steps with mean
 * cross-entropy, {@code clip_grad_norm_(1.0)} and {@code Adam(lr=0.01)}. Compares each step's loss and
 * gradient norm and the final parameters, with the parameters in one flat {@link ParameterBuffer} as a
 * real training loop keeps them.
 */
public final class CharLmGoldenCheck {
    /** Three full training steps of float32 arithmetic against float64 references. */
    static final double TOLERANCE = 1e-4;

    private CharLmGoldenCheck() {}

    public static void check(GoldenCase c) {
        int V = c.integer("vocab"), H = c.integer("hidden"), L = c.integer("layers"), B = c.integer("batch"),
                T = c.integer("seq");
        Rng rng = new Rng(0);   // initial values are overwritten with the case's
        Embedding embedding = new Embedding(V, H, rng);
        Lstm lstm = Lstm.builder(H, H).numLayers(L).batchFirst(true).rng(rng).build();
        Linear head = new Linear(H, V, true, rng);

        Map<String, Parameter> named = new LinkedHashMap<>();   // PyTorch state_dict names and order
        named.put("embedding.weight", embedding.weight());
        for (Parameter p : lstm.parameters()) named.put("lstm." + p.name(), p);
        named.put("head.weight", head.weight());
        named.put("head.bias", head.bias());
        named.forEach((name, p) -> p.set(c.tensor("param." + name)));
        List<Parameter> params = List.copyOf(named.values());
        ParameterBuffer buffer = ParameterBuffer.of(params);

        Adam adam = new Adam(params, AdamConfig.adam().withLr(0.01));
        CrossEntropy crossEntropy = new CrossEntropy();
        for (int s = 0; s < c.integer("steps"); s++) {
            int[] x = LossGoldenCheck.ints(c.longs("x.step" + s)), y = LossGoldenCheck.ints(c.longs("y.step" + s));
            buffer.zeroGrad();
            Tensor e = embedding.forward(x, B, T);                   // (B, T, H)
            RecurrentOutput out = lstm.forward(e);
            Tensor h = out.output();                                 // (B, T, H)
            Tensor logits = head.forward(h);                         // (B, T, V)
            float[] dLogits = new float[logits.numel()];
            double loss = crossEntropy.compute(logits.reshape(B * T, V), y, dLogits);
            Tensor dh = head.backward(h, new Tensor(dLogits, B, T, V));
            embedding.backward(x, lstm.backward(out, dh, null, null).input());
            double norm = GradClip.clipGradNorm(buffer, 1.0);
            adam.step();
            c.assertClose("loss.step" + s, LossGoldenCheck.scalar(loss), TOLERANCE);
            c.assertClose("gradnorm.step" + s, LossGoldenCheck.scalar(norm), TOLERANCE);
        }
        named.forEach((name, p) -> c.assertClose("final." + name, p.value(), TOLERANCE));
    }
}
