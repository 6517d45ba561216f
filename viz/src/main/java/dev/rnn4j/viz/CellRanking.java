package dev.rnn4j.viz;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the interpretable cells automatically: the Pearson correlation of every cell's activation with
 * every {@link TextFeatures} feature; each feature's strongest cells, ranked by |r|.
 *
 * <pre>{@code
 * List<CellRanking.Ranked> top = CellRanking.rank(trace, TextFeatures.of(codePoints), 3, 24);
 * top.get(0).feature();   // "inside quotes"
 * }</pre>
 */
final class CellRanking {
    /** Below this |r| a cell is not listed: it does not track the feature in any way a reader would see. */
    static final double MIN_ABS_R = 0.2;

    /**
     * Cells are ranked only over at least this many characters. Over n characters a cell unrelated to a
     * feature still shows |r| around 1/√n by chance (0.3 at 10 characters, where one cell in a few hundred
     * reaches ±1), and neighbouring characters are far from independent, so fewer characters carry less than
     * n suggests. At 400 the chance level is about 0.05, a quarter of {@link #MIN_ABS_R}.
     */
    static final int MIN_CHARS = 400;

    /** Cell {@code unit} of layer {@code layer} follows {@code feature} with correlation {@code r}. */
    record Ranked(int layer, int unit, String feature, double r) {}

    private CellRanking() {}

    /**
     * The {@code perFeature} best cells of each feature (a cell listed once, under its strongest feature,
     * and only with |r| of at least {@link #MIN_ABS_R}), at most {@code limit} in all, strongest first; none
     * for a text shorter than {@link #MIN_CHARS}, where a correlation is mostly chance.
     */
    static List<Ranked> rank(TextTrace trace, List<TextFeatures.Feature> features, int perFeature, int limit) {
        int T = trace.steps(), H = trace.hiddenSize(), L = trace.layers().length;
        if (T < MIN_CHARS) return List.of();
        List<Ranked> candidates = new ArrayList<>();
        float[] a = new float[T];
        double[][][] r = new double[L][H][features.size()];
        for (int l = 0; l < L; l++) {
            for (int j = 0; j < H; j++) {
                for (int t = 0; t < T; t++) a[t] = trace.activation(l, t, j);
                for (int f = 0; f < features.size(); f++) r[l][j][f] = correlation(a, features.get(f).values());
            }
        }
        for (int f = 0; f < features.size(); f++) {
            List<Ranked> forFeature = new ArrayList<>();
            for (int l = 0; l < L; l++) {
                for (int j = 0; j < H; j++) {
                    if (strongestFeature(r[l][j]) == f && Math.abs(r[l][j][f]) >= MIN_ABS_R) {
                        forFeature.add(new Ranked(l, j, features.get(f).name(), r[l][j][f]));
                    }
                }
            }
            forFeature.sort(Comparator.comparingDouble((Ranked x) -> -Math.abs(x.r())));
            candidates.addAll(forFeature.subList(0, Math.min(perFeature, forFeature.size())));
        }
        candidates.sort(Comparator.comparingDouble((Ranked x) -> -Math.abs(x.r())));
        Set<Long> seen = new HashSet<>();
        List<Ranked> out = new ArrayList<>();
        for (Ranked c : candidates) {
            if (out.size() < limit && seen.add(((long) c.layer() << 32) | c.unit())) out.add(c);
        }
        return out;
    }

    private static int strongestFeature(double[] r) {
        int best = -1;
        for (int f = 0; f < r.length; f++) {
            if (!Double.isNaN(r[f]) && (best < 0 || Math.abs(r[f]) > Math.abs(r[best]))) best = f;
        }
        return best;
    }

    /** Pearson r of two equally long series; NaN when either is constant. */
    static double correlation(float[] x, float[] y) {
        int n = x.length;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx, dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }
}
