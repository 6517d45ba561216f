package dev.rnn4j.examples.basics;

import dev.rnn4j.keras.Activation;
import dev.rnn4j.keras.Dense;
import dev.rnn4j.keras.Embedding;
import dev.rnn4j.keras.Sequential;
import dev.rnn4j.keras.SummaryStyle;
import dev.rnn4j.keras.SimpleRNN;
import dev.rnn4j.nn.RecurrentOutput;
import dev.rnn4j.nn.Rnn;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Shapes;
import dev.rnn4j.tensor.Tensor;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code ./rnn4j example basics}: PyTorch's RNN basics (the shapes of "hello", hihello, charseq, longseq)
 * and the Keras SimpleRNN chapter's plain RNN loop and models, each printing what the tutorial prints, step by step.
 * Runs in a few seconds.
 */
@Command(name = "basics", mixinStandardHelpOptions = true,
        description = "PyTorch's RNN basics (hello shapes, hihello, charseq, longseq) and the Keras chapter's plain RNN loop and summary().")
public final class BasicsCommand implements Runnable {
    static final String LONG_SENTENCE = "if you want to build a ship, don't drum up people together to "
            + "collect wood and don't assign them tasks and work, but rather "
            + "teach them to long for the endless immensity of the sea.";

    /** What the training parts learned, for the test. */
    record Learned(CharRnnLab.Result hihello, CharRnnLab.Result charseq, CharRnnLab.Result longseq) {}

    @Override
    public void run() { runAll(System.out); }

    static Learned runAll(PrintStream out) {
        helloShapes(out);
        out.println();
        out.println("== hihello: \"hihell\" -> \"ihello\", RNN(5, 5), Adam lr 0.1, 100 iterations ==");
        CharRnnLab.Result hihello = CharRnnLab.of("hihell", "ihello", "hielo").iterations(100).printEvery(10).train(out);
        out.println();
        out.println("== charseq: \" if you want you\" one character ahead, RNN(dic, dic), Adam lr 0.1, 50 iterations ==");
        String sample = " if you want you";
        CharRnnLab.Result charseq = CharRnnLab.of(sample.substring(0, sample.length() - 1), sample.substring(1),
                CharRnnLab.firstAppearance(sample)).iterations(50).printEvery(5).train(out);
        out.println();
        out.println("== longseq: windows of 10 characters, 2-layer RNN + Linear, Adam lr 0.1, 100 iterations ==");
        CharRnnLab.Result longseq = CharRnnLab.windows(LONG_SENTENCE, 10).layers(2).linearHead(true)
                .iterations(100).printEvery(10).printWindows(true).train(out);
        out.println("learned: " + longseq.prediction());
        out.println();
        plainLoop(out);
        out.println();
        kerasSummaries(out);
        return new Learned(hihello, charseq, longseq);
    }

    /** "hello" one-hot through RNN(4, 2): the sizes PyTorch infers (batch, sequence length) and the ones it is told. */
    static void helloShapes(PrintStream out) {
        out.println("== hello: input_size 4 (one-hot h, e, l, o), hidden_size 2 ==");
        Rnn rnn = Rnn.builder(4, 2).batchFirst(true).rng(new Rng(0)).build();
        float[] h = {1, 0, 0, 0}, e = {0, 1, 0, 0}, l = {0, 0, 1, 0}, o = {0, 0, 0, 1};
        Tensor hello = stack(1, 5, h, e, l, l, o);
        RecurrentOutput one = rnn.forward(hello);
        out.println("input " + Shapes.str(hello.shape()) + " (batch, sequence, input_size)");
        out.println("output " + Shapes.str(one.output().shape()) + " (batch, sequence, hidden_size), h_n " + Shapes.str(one.hN().shape())
                + " (layers, batch, hidden_size)");
        printRows(out, one.output());
        Tensor batch = stack(3, 5, h, e, l, l, o, e, o, l, l, l, l, l, e, e, l);    // hello, eolll, lleel
        RecurrentOutput three = rnn.forward(batch);
        out.println("a batch of 3 words: input " + Shapes.str(batch.shape()) + " -> output " + Shapes.str(three.output().shape()));
        printRows(out, three.output());
    }

    /** The Keras chapter's loop: 100 steps of 32 features into 64 outputs. */
    static void plainLoop(PrintStream out) {
        out.println("== Keras chapter: the RNN as a plain loop, output_t = tanh(W·input_t + U·state_t + b) ==");
        float[][] outputs = PlainRnnLoop.run(100, 32, 64, new Rng(0));
        out.println("timesteps 100, input_features 32, output_features 64; W (64, 32), U (64, 64), b (64)");
        out.printf(Locale.ROOT, "final_output_sequences shape (%d, %d) = (timesteps, output_features)%n", outputs.length, outputs[0].length);
        out.println("output_0[:4]  = " + head(outputs[0]));
        out.println("output_99[:4] = " + head(outputs[99]) + "  (weights in [0, 1) saturate tanh)");
    }

    /** The Keras chapter's three models and their summaries, in the TF2 layout the chapter shows. */
    static void kerasSummaries(PrintStream out) {
        out.println("== Keras chapter: Embedding(10000, 32) + SimpleRNN(32) ==");
        Sequential.of(new Embedding(10000, 32), new SimpleRNN(32)).printSummary(out, SummaryStyle.KERAS2);
        out.println("SimpleRNN(32) on 32 features: W 32x32 + U 32x32 + b 32 = 32 x 65 = 2,080 parameters");
        out.println();
        out.println("== with return_sequences=True: every step's output ==");
        Sequential.of(new Embedding(10000, 32), new SimpleRNN(32).returnSequences(true))
                .printSummary(out, SummaryStyle.KERAS2);
        out.println();
        out.println("== with Dense(1, activation='sigmoid') on top ==");
        Sequential.of(new Embedding(10000, 32), new SimpleRNN(32), new Dense(1, Activation.SIGMOID))
                .printSummary(out, SummaryStyle.KERAS2);
    }

    private static Tensor stack(int batch, int steps, float[]... rows) {
        float[] v = new float[batch * steps * 4];
        for (int i = 0; i < rows.length; i++) System.arraycopy(rows[i], 0, v, i * 4, 4);
        return new Tensor(v, batch, steps, 4);
    }

    private static void printRows(PrintStream out, Tensor y) {
        int B = y.size(0), T = y.size(1), H = y.size(2);
        for (int b = 0; b < B; b++) {
            StringBuilder sb = new StringBuilder("  [");
            for (int t = 0; t < T; t++) {
                sb.append(t > 0 ? ", " : "").append('[');
                for (int j = 0; j < H; j++) sb.append(j > 0 ? ", " : "").append(String.format(Locale.ROOT, "%7.4f", y.get(b, t, j)));
                sb.append(']');
            }
            out.println(sb.append(']'));
        }
    }

    private static String head(float[] v) {
        return Arrays.toString(Arrays.copyOf(v, 4));
    }
}
