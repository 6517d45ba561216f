package dev.rnn4j.check;

import dev.rnn4j.golden.GoldenCase;
import dev.rnn4j.nn.Nonlinearity;
import dev.rnn4j.nn.RecurrentConfig;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The double reference against every recurrent golden case's forward results (layers and cells).
 * Both sides compute in float64 from the same float32 inputs; the cases store results as float32, so
 * agreement is limited by that rounding (~6e-8 relative). 1e-6 of the largest magnitude leaves room for
 * it and nothing else: a float32 implementation would typically miss by 1e-7..1e-6 per step and any
 * wrong equation by far more.
 */
class ReferenceRecurrentGoldenTest {
    static final double TOLERANCE = 1e-6;
    /** Variables (parameters, input, initial states) of the largest case whose gradients are taken numerically. */
    static final long NUMERICAL_MAX_VARIABLES = 10_000;
    static final Set<String> LAYER_KINDS = Set.of("RNN", "LSTM", "GRU");
    static final Set<String> CELL_KINDS = Set.of("RNNCell", "LSTMCell", "GRUCell");

    static Path dir() { return Path.of(System.getProperty("golden.dir", "src/test/resources/golden")); }

    static Stream<String> recurrentCases() throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir())) {
            for (Path p : s.filter(p -> p.toString().endsWith(".safetensors")).sorted().toList()) {
                String kind = GoldenCase.read(p).kind();
                if (LAYER_KINDS.contains(kind) || CELL_KINDS.contains(kind)) names.add(p.getFileName().toString());
            }
        }
        return names.stream();
    }

    /**
     * The cases small enough for central differences of every variable: each costs two reference forwards, so a
     * medium case (tens of thousands of variables over hundreds of steps) would take minutes. The medium cases check
     * the float32 layers' threaded paths; the numerical side of the checker is shown on the small ones.
     */
    static Stream<String> numericalCases() throws IOException {
        List<String> names = new ArrayList<>();
        for (String file : recurrentCases().toList()) {
            GoldenCase c = GoldenCase.read(dir().resolve(file));
            long variables = 0;
            for (String n : c.names()) {
                boolean variable = n.startsWith("param.") || List.of("input", "h0", "c0").contains(n);
                if (variable) variables += c.tensor(n).numel();
            }
            if (variables <= NUMERICAL_MAX_VARIABLES) names.add(file);
        }
        return names.stream();
    }

    @Test
    void everyShippedRecurrentCaseIsFound() throws IOException {
        // 15 layer and 3 cell cases ship with the project, 13 of them small; fewer means the loader or the directory
        // is wrong.
        assertTrue(recurrentCases().count() >= 18, "recurrent golden cases in " + dir().toAbsolutePath());
        assertTrue(numericalCases().count() >= 13, "small recurrent golden cases in " + dir().toAbsolutePath());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recurrentCases")
    void forwardMatchesPyTorch(String file) throws IOException {
        GoldenCase c = GoldenCase.read(dir().resolve(file));
        if (CELL_KINDS.contains(c.kind())) {
            cell(c);
        } else {
            layer(c);
        }
    }

    /**
     * The numerical side of the checker on its own: central differences of the reference loss
     * Σ out·gout against PyTorch's autograd gradients {@code grad.*} of the same loss, for every parameter,
     * the input and the initial states. Same 1e-6 bound, for the same reason (float32 storage).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("numericalCases")
    void numericalGradientsMatchPyTorchAutograd(String file) throws IOException {
        GoldenCase c = GoldenCase.read(dir().resolve(file));
        Map<String, double[]> variables = parameters(c);
        for (String n : List.of("input", "h0", "c0")) if (c.has(n)) variables.put(n, doubles(c.tensor(n)));
        java.util.function.DoubleSupplier loss = CELL_KINDS.contains(c.kind())
                ? () -> dot(c, cellOutputs(c, variables), "h1", "c1")
                : () -> dot(c, layerOutputs(c, variables), "output", "h_n", "c_n");
        for (Map.Entry<String, double[]> v : variables.entrySet()) {
            assertClose(c, "grad." + v.getKey(), GradCheck.numericGradient(v.getValue(), loss));
        }
    }

    private static double dot(GoldenCase c, Map<String, double[]> outputs, String... names) {
        double s = 0;
        for (String n : names) {
            if (!c.has("gout." + n)) continue;
            float[] g = c.tensor("gout." + n).data();
            double[] y = outputs.get(n);
            for (int i = 0; i < y.length; i++) s += y[i] * g[i];
        }
        return s;
    }

    private static void layer(GoldenCase c) {
        Map<String, double[]> variables = parameters(c);
        for (String n : List.of("input", "h0", "c0")) if (c.has(n)) variables.put(n, doubles(c.tensor(n)));
        Map<String, double[]> outputs = layerOutputs(c, variables);
        assertClose(c, "out.output", outputs.get("output"));
        assertClose(c, "out.h_n", outputs.get("h_n"));
        if (c.has("out.c_n")) assertClose(c, "out.c_n", outputs.get("c_n"));
    }

    /** Runs the reference on the case's configuration with parameters, input and states from {@code v}. */
    private static Map<String, double[]> layerOutputs(GoldenCase c, Map<String, double[]> v) {
        RecurrentConfig config = new RecurrentConfig(RecurrentKind.valueOf(c.kind()), c.integer("input_size"),
                c.integer("hidden_size"), c.integer("num_layers"), c.flag("bias"), c.flag("batch_first"), 0f,
                c.flag("bidirectional"), c.integer("proj_size"), nonlinearity(c), 0L);
        List<String> expectedNames = ReferenceRecurrent.parameterShapes(config).stream()
                .map(ReferenceRecurrent.ParameterShape::name).sorted().toList();
        assertEquals(expectedNames, parameters(c).keySet().stream().sorted().toList(), "parameter names");

        Tensor x = c.tensor("input");
        int T = x.size(config.batchFirst() ? 1 : 0), B = x.size(config.batchFirst() ? 0 : 1);
        int[] lengths = c.has("lengths")
                ? Arrays.stream(c.longs("lengths")).mapToInt(Math::toIntExact).toArray() : null;
        ReferenceRecurrent.Result r = new ReferenceRecurrent(config, v)
                .forward(v.get("input"), T, B, lengths, v.get("h0"), v.get("c0"));
        Map<String, double[]> out = new HashMap<>();
        out.put("output", r.output());
        out.put("h_n", r.hN());
        if (r.cN() != null) out.put("c_n", r.cN());
        return out;
    }

    private static void cell(GoldenCase c) {
        Map<String, double[]> variables = parameters(c);
        for (String n : List.of("input", "h0", "c0")) if (c.has(n)) variables.put(n, doubles(c.tensor(n)));
        Map<String, double[]> outputs = cellOutputs(c, variables);
        assertClose(c, "out.h1", outputs.get("h1"));
        if (c.has("out.c1")) assertClose(c, "out.c1", outputs.get("c1"));
    }

    /** The reference cell applied to each sample, with parameters, input and states from {@code v}. */
    private static Map<String, double[]> cellOutputs(GoldenCase c, Map<String, double[]> v) {
        RecurrentKind kind = RecurrentKind.valueOf(c.kind().replace("Cell", "").toUpperCase(java.util.Locale.ROOT));
        int I = c.integer("input_size"), H = c.integer("hidden_size");
        ReferenceCell cell = new ReferenceCell(kind, nonlinearity(c), I, H, 0, v.get("weight_ih"), v.get("weight_hh"),
                v.get("bias_ih"), v.get("bias_hh"), null);
        double[] x = v.get("input"), h = v.get("h0"), cs = v.get("c0");
        int B = x.length / I;
        double[] h1 = new double[B * H], c1 = new double[B * H];
        for (int b = 0; b < B; b++) {
            ReferenceCell.State s = cell.step(Arrays.copyOfRange(x, b * I, (b + 1) * I),
                    Arrays.copyOfRange(h, b * H, (b + 1) * H),
                    cs == null ? null : Arrays.copyOfRange(cs, b * H, (b + 1) * H));
            System.arraycopy(s.h(), 0, h1, b * H, H);
            if (cs != null) System.arraycopy(s.c(), 0, c1, b * H, H);
        }
        return cs == null ? Map.of("h1", h1) : Map.of("h1", h1, "c1", c1);
    }

    private static Nonlinearity nonlinearity(GoldenCase c) {
        return "relu".equals(c.params().get("nonlinearity")) ? Nonlinearity.RELU : Nonlinearity.TANH;
    }

    private static Map<String, double[]> parameters(GoldenCase c) {
        Map<String, double[]> params = new HashMap<>();
        for (String n : c.names()) {
            if (n.startsWith("param.")) params.put(n.substring("param.".length()), doubles(c.tensor(n)));
        }
        return params;
    }

    private static double[] doubles(Tensor t) {
        double[] d = new double[t.numel()];
        for (int i = 0; i < d.length; i++) d[i] = t.data()[i];
        return d;
    }

    private static void assertClose(GoldenCase c, String name, double[] actual) {
        Tensor expected = c.tensor(name);
        assertEquals(expected.numel(), actual.length, c.name() + " " + name + " size");
        double largest = 0, worst = 0;
        int at = 0;
        for (int i = 0; i < actual.length; i++) {
            largest = Math.max(largest, Math.abs(expected.data()[i]));
            double d = Math.abs(actual[i] - expected.data()[i]);
            if (!(d <= worst)) {
                worst = d;
                at = i;
            }
        }
        double rel = worst / Math.max(largest, Double.MIN_NORMAL);
        assertTrue(rel <= TOLERANCE, c.name() + " " + name + ": relative error " + rel + " at flat index " + at
                + " (reference " + actual[at] + ", PyTorch " + expected.data()[at] + ")");
    }

    @Test
    void parameterShapesFollowPyTorchNamesAndOrder() {
        RecurrentConfig lstm = new RecurrentConfig(RecurrentKind.LSTM, 3, 5, 2, true, true, 0f, true, 2,
                Nonlinearity.TANH, 0L);
        List<ReferenceRecurrent.ParameterShape> shapes = ReferenceRecurrent.parameterShapes(lstm);
        assertEquals(List.of("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0", "weight_hr_l0",
                "weight_ih_l0_reverse", "weight_hh_l0_reverse", "bias_ih_l0_reverse", "bias_hh_l0_reverse",
                "weight_hr_l0_reverse", "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1", "weight_hr_l1",
                "weight_ih_l1_reverse", "weight_hh_l1_reverse", "bias_ih_l1_reverse", "bias_hh_l1_reverse",
                "weight_hr_l1_reverse"), shapes.stream().map(ReferenceRecurrent.ParameterShape::name).toList());
        assertArrayEquals(new int[] {20, 4}, shapes.get(10).shape());   // layer 1 input is D * projSize
        assertArrayEquals(new int[] {20, 2}, shapes.get(1).shape());    // weight_hh takes h of projSize
        assertArrayEquals(new int[] {2, 5}, shapes.get(4).shape());
    }
}
