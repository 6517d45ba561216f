package dev.rnn4j.cli;

import dev.rnn4j.nn.Gru;
import dev.rnn4j.nn.Lstm;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.nn.RecurrentNetwork;
import dev.rnn4j.nn.Rnn;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A recurrent network as a workload of {@code rnn4j bench} runs it, forward and backward over one batch, with
 * PyTorch's options; {@code stack()} in {@code bench/pytorch_bench.py} builds the same network from the same numbers.
 *
 * <pre>{@code
 * // lstm_bidirectional: two bidirectional LSTM layers of 256, batch 32 × 50 steps
 * new RecurrentShape(RecurrentKind.LSTM, 256, 256, 2, true, 0, 32, 50, false)
 * }</pre>
 *
 * @param proj    LSTM's {@code proj_size} (0: none)
 * @param packed  sequences of different lengths ({@link #lengths}), as PyTorch's packed batches
 */
record RecurrentShape(RecurrentKind kind, int input, int hidden, int layers, boolean bidirectional, int proj,
                      int batch, int seq, boolean packed) {
    /** One layer, input as wide as the hidden state: the {@code lstm_layer} family. */
    static RecurrentShape layer(RecurrentKind kind, int hidden, int batch, int seq) {
        return new RecurrentShape(kind, hidden, hidden, 1, false, 0, batch, seq, false);
    }

    RecurrentNetwork build() {
        return switch (kind) {
            case LSTM -> Lstm.builder(input, hidden).numLayers(layers).bidirectional(bidirectional).projSize(proj)
                    .build();
            case GRU -> Gru.builder(input, hidden).numLayers(layers).bidirectional(bidirectional).build();
            case RNN -> Rnn.builder(input, hidden).numLayers(layers).bidirectional(bidirectional).build();
        };
    }

    /**
     * The real steps of each sequence, longest first: all {@code seq} unless packed, then {@code seq − (7b mod seq/2)}
     * for sequence b, sorted (from {@code seq/2 + 1} to {@code seq} steps).
     */
    int[] lengths() {
        return IntStream.range(0, batch).map(b -> packed ? seq - (7 * b) % Math.max(1, seq / 2) : seq).boxed()
                .sorted(Comparator.reverseOrder()).mapToInt(Integer::intValue).toArray();
    }

    /**
     * The products' FLOPs, counted as for the layer workloads: forward once and backward twice, 2 per multiply-add,
     * over the real steps. Per step of a sequence, each layer and direction multiplies its input (I, or every
     * direction's output above the first layer) and its recurrent state (H, or P with a projection) by the G·H gate
     * rows, and with a projection the cell's H values by W_hr's P rows.
     */
    double flops() {
        int out = stateWidth(), directions = bidirectional ? 2 : 1, gateRows = kind.gates() * hidden;
        double perStep = 0;
        for (int l = 0; l < layers; l++) {
            int in = l == 0 ? input : out * directions;
            perStep += directions * ((double) (in + out) * gateRows + (proj > 0 ? (double) hidden * proj : 0));
        }
        return 3 * 2 * perStep * Arrays.stream(lengths()).asLongStream().sum();
    }

    /** A direction's output width: the hidden state, or P with a projection. */
    int stateWidth() {
        return proj > 0 ? proj : hidden;
    }

    /** Columns of the output, {@code [seq, batch, outputWidth]}: every direction's state side by side. */
    int outputWidth() {
        return (bidirectional ? 2 : 1) * stateWidth();
    }

    /** The shape as a workload's config (only the options that differ from a plain one-layer network). */
    Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("kind", kind.name().toLowerCase());
        if (input != hidden) c.put("input", input);
        c.put("hidden", hidden);
        if (layers > 1) c.put("layers", layers);
        if (bidirectional) c.put("bidirectional", true);
        if (proj > 0) c.put("proj", proj);
        c.put("batch", batch);
        c.put("seq", seq);
        if (packed) c.put("lengths", seq / 2 + 1 + ".." + seq);
        c.put("passes", "forward+backward");
        return c;
    }
}
