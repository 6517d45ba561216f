package dev.rnn4j.check;

import dev.rnn4j.nn.Nonlinearity;
import dev.rnn4j.nn.RecurrentKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every element of every gradient of the fast layers and cells against central differences of the double
 * reference, for each kind × layers {1, 2} × bidirectional × bias × packed (batch-first alternating), plus
 * LSTM projection, the cells and some edge shapes. Tolerances are {@link GradCheck}'s.
 */
class GradCheckTest {
    /** Worst error over the configurations run, printed once: the figure the README quotes. */
    private static double worstSeen;
    private static int configurationsRun;

    static Stream<GradCheckConfig> layers() {
        List<GradCheckConfig> all = new ArrayList<>();
        long seed = 1;
        for (GradCheckConfig base : kinds()) {
            for (int layers = 1; layers <= 2; layers++) {
                for (boolean bidirectional : new boolean[] {false, true}) {
                    for (boolean bias : new boolean[] {true, false}) {
                        for (boolean packed : new boolean[] {false, true}) {
                            // A new seed for each configuration: new parameters, inputs and lengths each time.
                            all.add(base.withLayers(layers).withBidirectional(bidirectional).withBias(bias)
                                    .withPacked(packed).withBatchFirst(seed % 2 == 0).withSeed(seed++));
                        }
                    }
                }
            }
        }
        return all.stream();
    }

    static Stream<GradCheckConfig> projections() {
        GradCheckConfig lstm = GradCheckConfig.of(RecurrentKind.LSTM).withProjSize(3);
        return Stream.of(lstm.withSeed(101), lstm.withLayers(2).withSeed(102),
                lstm.withLayers(2).withBidirectional(true).withPacked(true).withSeed(103),
                lstm.withProjSize(1).withBias(false).withBidirectional(true).withBatchFirst(false).withSeed(104));
    }

    static Stream<GradCheckConfig> cells() {
        return kinds().stream().flatMap(k ->
                Stream.of(k.withCell(true).withSeed(201), k.withCell(true).withBias(false).withSeed(202)));
    }

    /** One time step, one sequence, size-1 features: the loops' edge cases. */
    static Stream<GradCheckConfig> edgeShapes() {
        return kinds().stream().flatMap(k -> Stream.of(
                k.withShape(1, 1).withSizes(1, 1).withSeed(301),
                k.withShape(2, 1).withLayers(2).withBidirectional(true).withPacked(true).withSeed(302),
                k.withShape(1, 4).withBidirectional(true).withPacked(true).withSeed(303)));
    }

    private static List<GradCheckConfig> kinds() {
        return List.of(GradCheckConfig.of(RecurrentKind.RNN),
                GradCheckConfig.of(RecurrentKind.RNN).withNonlinearity(Nonlinearity.RELU),
                GradCheckConfig.of(RecurrentKind.LSTM), GradCheckConfig.of(RecurrentKind.GRU));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"layers", "projections", "cells", "edgeShapes"})
    void analyticGradientsMatchCentralDifferences(GradCheckConfig config) {
        GradCheckResult r = GradCheck.run(config);
        assertTrue(r.passed(), () -> GradCheck.format(r));
        assertTrue(r.worst() <= GradCheck.GRADIENT_TOLERANCE);
        synchronized (GradCheckTest.class) {
            worstSeen = Math.max(worstSeen, r.worst());
            configurationsRun++;
        }
    }

    @AfterAll
    static void printWorst() {
        System.out.printf(Locale.ROOT, "gradient checks: %d configurations, worst error %.2e (tolerance %.0e)%n",
                configurationsRun, worstSeen, GradCheck.GRADIENT_TOLERANCE);
    }

    @Test
    void everyParameterInputAndStateIsChecked() {
        GradCheckResult r = GradCheck.run(GradCheckConfig.of(RecurrentKind.LSTM).withLayers(2).withBidirectional(true)
                .withProjSize(2).withPacked(true));
        List<String> names = r.errors().stream().map(TensorError::name).toList();
        List<String> expected = new ArrayList<>();
        ReferenceRecurrent.parameterShapes(r.config().layerConfig()).forEach(p -> expected.add(p.name()));
        expected.addAll(List.of("input", "h0", "c0"));
        assertEquals(expected, names);
        assertEquals(List.of("output", "h_n", "c_n"), r.forward().stream().map(TensorError::name).toList());
    }

    @Test
    void aCorruptedGradientElementFailsTheCheckAndIsNamed() {
        GradCheckConfig config = GradCheckConfig.of(RecurrentKind.GRU).withLayers(2).withBidirectional(true);
        // One element of one tensor off by 1% of the tensor's largest gradient: well inside float32's reach,
        // well outside the tolerance.
        GradCheckResult r = GradCheck.run(config, (name, g) -> {
            if (name.equals("weight_hh_l1_reverse")) {
                float largest = 0;
                for (float v : g) largest = Math.max(largest, Math.abs(v));
                g[5] += 0.01f * largest;   // flat 5 of [12, 4] is [1, 1]
            }
        });
        assertFalse(r.passed(), () -> GradCheck.format(r));
        TensorError failure = r.firstFailure();
        assertNotNull(failure);
        assertEquals("weight_hh_l1_reverse", failure.name());
        assertEquals(5, failure.worstIndex());
        assertTrue(GradCheck.format(r).contains("weight_hh_l1_reverse"));
        String line = GradCheck.format(r).lines().filter(l -> l.startsWith("weight_hh_l1_reverse")).findFirst()
                .orElseThrow();
        assertTrue(line.contains("FAIL") && line.contains("at [1, 1]"), line);
        // Every other tensor still passes: the failure is attributed, not smeared.
        for (TensorError e : r.errors()) {
            if (!e.name().equals("weight_hh_l1_reverse")) {
                assertTrue(e.maxRelError() <= GradCheck.GRADIENT_TOLERANCE, e.name());
            }
        }
    }

    @Test
    void aCorruptedInputGradientFailsToo() {
        GradCheckResult r = GradCheck.run(GradCheckConfig.of(RecurrentKind.LSTM).withCell(true),
                (name, g) -> { if (name.equals("c0")) g[0] = -g[0] + 1e-3f; });
        assertFalse(r.passed());
        assertEquals("c0", r.firstFailure().name());
    }

    @Test
    void errorMeasureIsRelativeAboveTheFloorAndAbsoluteBelowIt() {
        // Largest 10, floor 1e-2: the element 5 vs 5.01 is judged relatively (2e-3), 1e-5 vs 2e-5 absolutely (1e-3).
        TensorError rel = GradCheck.compare("t", new int[] {2}, new float[] {10f, 5.01f}, new double[] {10, 5});
        assertEquals(0.01 / 5.01, rel.maxRelError(), 1e-6);
        assertEquals(1, rel.worstIndex());
        TensorError abs = GradCheck.compare("t", new int[] {2}, new float[] {10f, 2e-5f}, new double[] {10, 1e-5});
        assertEquals(1e-5 / 1e-2, abs.maxRelError(), 1e-6);
        TensorError zero = GradCheck.compare("t", new int[] {2}, new float[] {0f, 0f}, new double[] {0, 0});
        assertEquals(0, zero.maxRelError());
        TensorError nan = GradCheck.compare("t", new int[] {2}, new float[] {1f, Float.NaN}, new double[] {1, 1});
        assertTrue(Double.isNaN(nan.maxRelError()));
    }

    @Test
    void formatPrintsOneLinePerTensor() {
        GradCheckResult r = GradCheck.run(GradCheckConfig.of(RecurrentKind.RNN).withCell(true));
        String table = GradCheck.format(r);
        assertTrue(table.startsWith("gradcheck rnn-tanh cell"), table);
        // title, column names, forward h1, 4 parameters, input, h0, summary
        assertEquals(10, table.lines().count(), table);
        assertTrue(table.lines().filter(l -> l.startsWith("weight_ih ")).findFirst().orElseThrow()
                .endsWith("OK"), table);
        assertTrue(table.endsWith("PASSED"), table);
    }

    @Test
    void cellNamesAsUsersTypeThem() {
        assertEquals(GradCheckConfig.of(RecurrentKind.RNN), GradCheckConfig.of("rnn"));
        assertEquals(Nonlinearity.RELU, GradCheckConfig.of("RNN-relu").nonlinearity());
        assertEquals(RecurrentKind.LSTM, GradCheckConfig.of("lstm").kind());
        assertEquals(RecurrentKind.GRU, GradCheckConfig.of(" GRU ").kind());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GradCheckConfig.of("lsmt"));
        assertTrue(e.getMessage().contains("rnn, rnn-relu, lstm, gru") && e.getMessage().contains("lsmt"),
                e.getMessage());
    }

    @Test
    void configRejectsWhatACellOrALayerCannotBe() {
        GradCheckConfig lstm = GradCheckConfig.of(RecurrentKind.LSTM);
        assertThrows(IllegalArgumentException.class, () -> lstm.withCell(true).withLayers(2));
        assertThrows(IllegalArgumentException.class, () -> lstm.withProjSize(4));   // not below hiddenSize 4
        assertThrows(IllegalArgumentException.class, () -> GradCheckConfig.of(RecurrentKind.GRU).withProjSize(2));
        assertThrows(IllegalArgumentException.class, () -> lstm.withShape(0, 3));
    }

    @Test
    void packedLengthsComeFromTheSeedAndIncludeAShortOne() {
        GradCheckConfig c = GradCheckConfig.of(RecurrentKind.GRU).withPacked(true).withShape(3, 4);
        for (long seed = 0; seed < 50; seed++) {
            int[] lengths = c.withSeed(seed).lengths();
            assertEquals(3, lengths.length);
            assertTrue(java.util.Arrays.stream(lengths).allMatch(l -> l >= 1 && l <= 4));
            assertTrue(java.util.Arrays.stream(lengths).anyMatch(l -> l < 4));
            assertEquals(java.util.Arrays.toString(lengths), java.util.Arrays.toString(c.withSeed(seed).lengths()));
        }
        assertEquals(null, c.withPacked(false).lengths());
    }
}
