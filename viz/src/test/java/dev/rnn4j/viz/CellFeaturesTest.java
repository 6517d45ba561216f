package dev.rnn4j.viz;

import dev.rnn4j.nn.RecurrentKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The text features are what their names say, and the ranking finds a cell that tracks one. */
class CellFeaturesTest {

    static Map<String, float[]> features(String text) {
        return TextFeatures.of(text.codePoints().toArray()).stream()
                .collect(Collectors.toMap(TextFeatures.Feature::name, TextFeatures.Feature::values));
    }

    @Test
    void quotesBracketsAndLinePositions() {
        Map<String, float[]> f = features("a \"b\" (c)\nde.");
        //                                   a     ␣  "  b  "  ␣  (  c  )  ↵  d  e  .
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0}, f.get("inside quotes"));
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0}, f.get("inside brackets"));
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3}, f.get("position in line"));
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, f.get("sentence end"));
        assertFalse(f.containsKey("Hangul vs Latin"), "one script only");
        assertFalse(f.containsKey("upper case"), "no upper case: a constant feature is dropped");
    }

    @Test
    void koreanQuotesAndScripts() {
        Map<String, float[]> f = features("“가 a” ‘나’ 善");
        assertArrayEquals(new float[] {1, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0}, f.get("inside quotes"));
        assertArrayEquals(new float[] {0, 1, 0, -1, 0, 0, 0, 1, 0, 0, 0}, f.get("Hangul vs Latin"));
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, f.get("Hanja (Chinese characters)"));
        assertFalse(features("don’t").containsKey("inside quotes"), "an apostrophe alone opens nothing");
    }

    @Test
    void rankingFindsAPlantedQuoteCell() {
        String text = "say \"hello there\" and \"bye\" now (ok) then \"more words\" end.\n".repeat(7);   // >= MIN_CHARS
        int[] cps = text.codePoints().toArray();
        int T = cps.length, H = 5;
        float[] quotes = features(text).get("inside quotes");
        float[] h = new float[T * H];
        dev.rnn4j.tensor.Rng rng = new dev.rnn4j.tensor.Rng(4);
        for (int t = 0; t < T; t++) {
            for (int j = 0; j < H; j++) h[t * H + j] = rng.uniform(-0.3f, 0.3f);
            // negative inside quotes, as in the seed
            h[t * H + 3] = 0.9f - 1.8f * quotes[t] + rng.uniform(-0.1f, 0.1f);
        }
        TextTrace trace = new TextTrace(RecurrentKind.RNN, new int[T], H, 2,
                new TextTrace.Layer[] {new TextTrace.Layer(h, null, h)}, new float[T * 2]);
        List<CellRanking.Ranked> ranked = CellRanking.rank(trace, TextFeatures.of(cps), 3, 10);
        CellRanking.Ranked top = ranked.get(0);
        assertEquals(3, top.unit());
        assertEquals("inside quotes", top.feature());
        assertTrue(top.r() < -0.95, "r = " + top.r());
        assertEquals(ranked.size(), ranked.stream().map(r -> r.layer() + ":" + r.unit()).distinct().count(),
                "each cell once");
    }

    @Test
    void correlationOfKnownSeries() {
        assertEquals(1.0, CellRanking.correlation(new float[] {1, 2, 3}, new float[] {2, 4, 6}), 1e-12);
        assertEquals(-1.0, CellRanking.correlation(new float[] {1, 2, 3}, new float[] {3, 2, 1}), 1e-12);
        assertTrue(Double.isNaN(CellRanking.correlation(new float[] {1, 1, 1}, new float[] {3, 2, 1})));
    }

    @Test
    void topPredictionsAreSortedAndComplete() {
        dev.rnn4j.text.Vocabulary vocab = dev.rnn4j.text.Vocabulary.of("abcdefg");
        float[] p = {0.05f, 0.3f, 0.1f, 0.2f, 0.15f, 0.12f, 0.08f};
        List<Object> top = CellsPage.topPredictions(p, 1, 7, vocab);
        assertEquals(List.of("b", 0.3, "d", 0.2, "e", 0.15, "f", 0.12, "c", 0.1), top.get(0));
    }
}
