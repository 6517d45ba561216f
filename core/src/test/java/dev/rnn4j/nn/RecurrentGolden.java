package dev.rnn4j.nn;

import dev.rnn4j.golden.GoldenCase;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Golden checks for the recurrent layers (kind RNN, LSTM, GRU) and cells (RNNCell, LSTMCell, GRUCell):
 * load the case's parameters by name, run forward and backward, compare every {@code out.*} and {@code grad.*}.
 */
public final class RecurrentGolden {
    private RecurrentGolden() {}

    public static void layer(GoldenCase c) {
        RecurrentKind kind = RecurrentKind.valueOf(c.kind());
        RecurrentConfig cfg = new RecurrentConfig(kind, c.integer("input_size"), c.integer("hidden_size"),
                c.integer("num_layers"), c.flag("bias"), c.flag("batch_first"), 0f, c.flag("bidirectional"),
                c.integer("proj_size"), nonlinearity(c), 0L);
        Tensor x = c.tensor("input");
        Tensor h0 = optional(c, "h0"), c0 = optional(c, "c0");
        Tensor gy = optional(c, "gout.output"), gh = optional(c, "gout.h_n"), gc = optional(c, "gout.c_n");
        int[] lengths = null;
        if (c.has("lengths")) {
            lengths = java.util.Arrays.stream(c.longs("lengths")).mapToInt(Math::toIntExact).toArray();
        }

        List<Parameter> params;
        RecurrentOutput out;
        RecurrentGradients g;
        switch (kind) {
            case LSTM -> {
                Lstm m = new Lstm(cfg);
                params = load(c, m.parameters());
                out = m.forward(x, lengths, h0, c0);
                g = m.backward(out, gy, gh, gc);
            }
            case GRU -> {
                Gru m = new Gru(cfg);
                params = load(c, m.parameters());
                out = m.forward(x, lengths, h0);
                g = m.backward(out, gy, gh);
            }
            case RNN -> {
                Rnn m = new Rnn(cfg);
                params = load(c, m.parameters());
                out = m.forward(x, lengths, h0);
                g = m.backward(out, gy, gh);
            }
            default -> throw new AssertionError(kind);
        }
        Set<String> compared = new HashSet<>();
        compare(c, compared, "out.output", out.output());
        compare(c, compared, "out.h_n", out.hN());
        if (kind == RecurrentKind.LSTM) compare(c, compared, "out.c_n", out.cN());
        for (Parameter p : params) compare(c, compared, "grad." + p.name(), p.gradient());
        compare(c, compared, "grad.input", g.input());
        if (c.has("grad.h0")) compare(c, compared, "grad.h0", g.h0());
        if (c.has("grad.c0")) compare(c, compared, "grad.c0", g.c0());
        requireAllCompared(c, compared);
    }

    public static void cell(GoldenCase c) {
        int in = c.integer("input_size"), hidden = c.integer("hidden_size");
        boolean bias = c.flag("bias");
        Tensor x = c.tensor("input"), h0 = c.tensor("h0"), gh = optional(c, "gout.h1");
        Set<String> compared = new HashSet<>();
        CellOutput o;
        CellGradients g;
        List<Parameter> params;
        switch (c.kind()) {
            case "LSTMCell" -> {
                LstmCell cell = new LstmCell(in, hidden, bias, new Rng(0));
                params = load(c, cell.parameters());
                o = cell.forward(x, h0, c.tensor("c0"));
                g = cell.backward(o, gh, optional(c, "gout.c1"));
                compare(c, compared, "out.c1", o.c());
                compare(c, compared, "grad.c0", g.c());
            }
            case "GRUCell" -> {
                GruCell cell = new GruCell(in, hidden, bias, new Rng(0));
                params = load(c, cell.parameters());
                o = cell.forward(x, h0);
                g = cell.backward(o, gh);
            }
            case "RNNCell" -> {
                RnnCell cell = new RnnCell(in, hidden, bias, nonlinearity(c), new Rng(0));
                params = load(c, cell.parameters());
                o = cell.forward(x, h0);
                g = cell.backward(o, gh);
            }
            default -> throw new AssertionError(c.kind());
        }
        compare(c, compared, "out.h1", o.h());
        for (Parameter p : params) compare(c, compared, "grad." + p.name(), p.gradient());
        compare(c, compared, "grad.input", g.input());
        compare(c, compared, "grad.h0", g.h());
        requireAllCompared(c, compared);
    }

    private static Nonlinearity nonlinearity(GoldenCase c) {
        return Nonlinearity.valueOf(c.string("nonlinearity").toUpperCase(Locale.ROOT));
    }

    private static Tensor optional(GoldenCase c, String name) { return c.has(name) ? c.tensor(name) : null; }

    /** Sets every parameter from {@code param.NAME}; the case must name exactly our parameters. */
    private static List<Parameter> load(GoldenCase c, List<Parameter> params) {
        Set<String> theirs = new TreeSet<>(), ours = new TreeSet<>();
        for (String n : c.names()) if (n.startsWith("param.")) theirs.add(n.substring(6));
        for (Parameter p : params) ours.add(p.name());
        assertEquals(theirs, ours, c.name() + ": parameter names");
        for (Parameter p : params) p.set(c.tensor("param." + p.name()));
        return params;
    }

    private static void compare(GoldenCase c, Set<String> compared, String name, Tensor actual) {
        c.assertClose(name, actual);
        compared.add(name);
    }

    /** A result in the case that no check looked at would be a silent gap: fail instead. */
    private static void requireAllCompared(GoldenCase c, Set<String> compared) {
        Set<String> missed = new TreeSet<>();
        for (String n : c.names()) {
            if ((n.startsWith("out.") || n.startsWith("grad.")) && !compared.contains(n)) missed.add(n);
        }
        if (!missed.isEmpty()) fail(c.name() + ": results in the case not compared: " + missed);
    }
}
