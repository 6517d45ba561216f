package dev.rnn4j.cli;

import dev.rnn4j.io.Json;
import dev.rnn4j.kernel.WeightPrecision;
import dev.rnn4j.lm.CharLmCheckpoint;
import dev.rnn4j.lm.SamplingConfig;
import dev.rnn4j.lm.TextGenerator;
import dev.rnn4j.text.Vocabulary;
import dev.rnn4j.tool.UserError;
import dev.rnn4j.tool.ThreadsOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** {@code ./rnn4j sample}: streams text from a trained character model. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Generate text from a trained character model.")
final class SampleCommand implements Runnable {
    @Option(names = "--checkpoint", required = true, paramLabel = "DIR",
            description = "a run directory (uses its latest checkpoint) or a checkpoint directory")
    Path checkpoint;
    @Option(names = "--length", defaultValue = "500",
            description = "characters to generate (default: ${DEFAULT-VALUE})")
    int length;
    @Option(names = "--temperature", defaultValue = "0.8",
            description = "below 1 is more conservative, above 1 more surprising; 0 = --greedy (default: "
                    + "${DEFAULT-VALUE})")
    double temperature;
    @Option(names = "--top-k", defaultValue = "0",
            description = "sample only from the k most likely characters, 0 = all")
    int topK;
    @Option(names = "--top-p", defaultValue = "1.0", description =
            "in (0, 1]: sample only from the smallest set with this much probability (default: ${DEFAULT-VALUE})")
    double topP;
    @Option(names = "--prime", defaultValue = "", description = "text to start from; it is printed first")
    String prime;
    @Option(names = "--seed", defaultValue = "1",
            description = "random seed; the same seed gives the same text (default: ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--greedy", description = "always take the most likely character")
    boolean greedy;
    @Option(names = "--probs", paramLabel = "K", arity = "0..1", fallbackValue = "5",
            description = "print JSON lines instead of text: each character with its K most likely candidates "
                    + "(default K: 5)")
    Integer probs;
    @Option(names = "--num-samples", paramLabel = "N", defaultValue = "1",
            description = "independent samples, generated together; sample i is the text of --seed plus i "
                    + "(default: ${DEFAULT-VALUE})")
    int numSamples;
    @Option(names = "--weights", paramLabel = "PRECISION", defaultValue = "float32",
            description = "weights to generate with: float32 (as trained), bf16, or int8 (per-row scales) "
                    + "(default: ${DEFAULT-VALUE})")
    String weights;
    @Mixin
    ThreadsOption threads = new ThreadsOption();

    static final List<String> PRECISIONS = Arrays.stream(WeightPrecision.values()).map(WeightPrecision::label).toList();

    @Override
    public void run() {
        InputChecks.atLeast("--length", length, 0);
        InputChecks.inRange("--temperature", temperature, 0, true, Double.POSITIVE_INFINITY, false);
        InputChecks.atLeast("--top-k", topK, 0);
        InputChecks.inRange("--top-p", topP, 0, false, 1, true);
        if (probs != null) InputChecks.atLeast("--probs", probs, 1);
        threads.check();
        InputChecks.atLeast("--num-samples", numSamples, 1);
        InputChecks.oneOf("--weights", weights, PRECISIONS);
        if (probs != null && numSamples > 1) {
            throw new UserError("--probs prints the distributions of one sample: drop --probs or --num-samples");
        }
        threads.apply();
        // temperature 0 is the limit of sharpening: the most likely character every time, as llama.cpp reads it
        boolean mostLikely = greedy || temperature == 0;
        SamplingConfig sampling = new SamplingConfig(mostLikely ? 1 : temperature, topK, topP, mostLikely);
        CharLmCheckpoint.Loaded c = CharLmCheckpoint.loadModel(checkpoint);
        Vocabulary vocab = c.vocabulary();
        List<Integer> unknown = vocab.unknownCodePoints(prime);
        if (!unknown.isEmpty()) {
            throw new UserError("--prime has characters the model never saw: " + Vocabulary.describe(unknown)
                    + "; use only characters of its training text");
        }
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        TextGenerator generator = new TextGenerator(c.model(), vocab, sampling, seed, WeightPrecision.parse(weights));
        if (numSamples > 1) {
            // generated in lockstep, so each sample is held until all are complete, then printed in order
            StringBuilder[] texts = new StringBuilder[numSamples];
            for (int i = 0; i < numSamples; i++) texts[i] = new StringBuilder(prime);
            generator.generate(prime, length, numSamples, (stream, token) -> texts[stream].append(vocab.decode(token)));
            for (int i = 0; i < numSamples; i++) {
                out.printf(Locale.ROOT, "%s--- sample %d of %d (seed %d) ---%n%s%n", i == 0 ? "" : "\n", i + 1,
                        numSamples, seed + i, texts[i]);
            }
        } else if (probs == null) {
            out.print(prime);
            generator.generate(prime, length, (token, p) -> {
                out.print(vocab.decode(token));
                if (vocab.codePoint(token) == '\n') out.flush();
            });
            out.println();
        } else {
            generator.generate(prime, length, (token, p) -> out.println(probsLine(vocab, token, p, probs)));
        }
        out.flush();
    }

    static String probsLine(Vocabulary vocab, int token, double[] p, int k) {
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < p.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a]));
        StringBuilder sb = new StringBuilder("{\"char\":").append(jsonString(vocab.decode(token)))
                .append(",\"p\":").append(String.format(Locale.ROOT, "%.6f", p[token])).append(",\"top\":[");
        for (int r = 0; r < Math.min(k, p.length); r++) {
            if (r > 0) sb.append(',');
            sb.append("[").append(jsonString(vocab.decode(order[r]))).append(',')
                    .append(String.format(Locale.ROOT, "%.6f", p[order[r]])).append(']');
        }
        return sb.append("]}").toString();
    }

    static String jsonString(String s) { return Json.write(s); }

}
