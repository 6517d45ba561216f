package dev.rnn4j.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writing a sequence with a {@link StepDecoder}: greedy (the most likely token at every step) for a whole
 * batch at once, or beam search keeping the {@code beamSize} best partial sequences of one input.
 *
 * <pre>{@code
 * int[][] greedy = BeamSearch.greedy(decoder, state, SOS, EOS, 30);      // ids per row, without the end token
 * int[] best = BeamSearch.beam(decoder, oneRowState, SOS, EOS, 5, 30);
 * }</pre>
 *
 * Beam hypotheses are ranked by log-probability divided by length^{@value #LENGTH_ALPHA} once finished,
 * so longer sequences are not penalised merely for having more factors below one.
 */
public final class BeamSearch {
    /** The length normalisation exponent α of finished hypotheses' scores. */
    public static final double LENGTH_ALPHA = 0.6;

    private BeamSearch() {}

    /**
     * The most likely token at every step for every row of {@code state}, until each row wrote {@code end}
     * or {@code maxLength} steps ran.
     *
     * @return per row, the tokens written before {@code end}
     */
    public static <S> int[][] greedy(StepDecoder<S> decoder, S state, int rows, int start, int end, int maxLength) {
        int V = decoder.vocabularySize();
        int[] previous = new int[rows];
        Arrays.fill(previous, start);
        List<List<Integer>> out = new ArrayList<>();
        for (int b = 0; b < rows; b++) out.add(new ArrayList<>());
        boolean[] done = new boolean[rows];
        for (int t = 0; t < maxLength; t++) {
            StepDecoder.Step<S> s = decoder.step(previous, state);
            state = s.state();
            boolean all = true;
            for (int b = 0; b < rows; b++) {
                int best = argmax(s.logits(), b * V, V);
                previous[b] = best;
                if (done[b]) continue;
                if (best == end) done[b] = true;
                else out.get(b).add(best);
                all &= done[b];
            }
            if (all) break;
        }
        int[][] ids = new int[rows][];
        for (int b = 0; b < rows; b++) ids[b] = out.get(b).stream().mapToInt(Integer::intValue).toArray();
        return ids;
    }

    /**
     * Beam search from a one-row {@code state}: the best finished hypothesis, without {@code end}; when
     * none finished within {@code maxLength} steps, the best open one.
     */
    public static <S> int[] beam(StepDecoder<S> decoder, S state, int start, int end, int beamSize, int maxLength) {
        if (beamSize < 1) throw new IllegalArgumentException("beam size must be at least 1, got " + beamSize);
        int V = decoder.vocabularySize();
        List<int[]> tokens = new ArrayList<>(List.of(new int[0]));
        double[] scores = {0};
        int[] best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < maxLength && !tokens.isEmpty(); t++) {
            int K = tokens.size();
            int[] previous = new int[K];
            for (int k = 0; k < K; k++) {
                int[] prefix = tokens.get(k);
                previous[k] = prefix.length == 0 ? start : prefix[prefix.length - 1];
            }
            StepDecoder.Step<S> s = decoder.step(previous, state);
            // Candidates: every (hypothesis, token) with its total log-probability; keep the beamSize best.
            int[] candidate = new int[beamSize];
            double[] candidateScore = new double[beamSize];
            Arrays.fill(candidateScore, Double.NEGATIVE_INFINITY);
            Arrays.fill(candidate, -1);
            for (int k = 0; k < K; k++) {
                double logZ = logSumExp(s.logits(), k * V, V);
                for (int v = 0; v < V; v++) {
                    double total = scores[k] + s.logits()[k * V + v] - logZ;
                    if (total > candidateScore[beamSize - 1]) insert(candidate, candidateScore, k * V + v, total);
                }
            }
            List<int[]> nextTokens = new ArrayList<>();
            List<Integer> parents = new ArrayList<>();
            List<Double> nextScores = new ArrayList<>();
            for (int i = 0; i < beamSize && candidate[i] >= 0; i++) {
                int k = candidate[i] / V, v = candidate[i] % V;
                int[] prefix = tokens.get(k);
                if (v == end) {
                    double normalized = candidateScore[i] / Math.pow(prefix.length + 1, LENGTH_ALPHA);
                    if (normalized > bestScore) {
                        bestScore = normalized;
                        best = prefix;
                    }
                    continue;
                }
                int[] grown = Arrays.copyOf(prefix, prefix.length + 1);
                grown[prefix.length] = v;
                nextTokens.add(grown);
                parents.add(k);
                nextScores.add(candidateScore[i]);
            }
            // Stop when the most likely candidate of this step ended the sequence (as OpenNMT does), or when
            // no open hypothesis can still beat the best finished one: its log-probability only falls as it
            // grows, so its normalised score is at most score / (maxLength+1)^α.
            boolean topFinished = candidate[0] >= 0 && candidate[0] % V == end;
            if (best != null && (nextScores.isEmpty() || topFinished
                    || nextScores.get(0) / Math.pow(maxLength + 1, LENGTH_ALPHA) < bestScore)) {
                break;
            }
            state = decoder.select(s.state(), parents.stream().mapToInt(Integer::intValue).toArray());
            tokens = nextTokens;
            scores = nextScores.stream().mapToDouble(Double::doubleValue).toArray();
        }
        if (best == null) best = tokens.isEmpty() ? new int[0] : tokens.get(0);
        return best;
    }

    /** Inserts (id, score) into arrays kept sorted by descending score, dropping the last entry. */
    private static void insert(int[] ids, double[] scores, int id, double score) {
        int i = scores.length - 1;
        while (i > 0 && scores[i - 1] < score) {
            scores[i] = scores[i - 1];
            ids[i] = ids[i - 1];
            i--;
        }
        scores[i] = score;
        ids[i] = id;
    }

    /** The index of the largest of {@code x[off .. off+n)}, the first one on ties. */
    public static int argmax(float[] x, int off, int n) {
        int best = 0;
        for (int j = 1; j < n; j++) if (x[off + j] > x[off + best]) best = j;
        return best;
    }

    private static double logSumExp(float[] x, int off, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) max = Math.max(max, x[off + j]);
        double sum = 0;
        for (int j = 0; j < n; j++) sum += Math.exp(x[off + j] - max);
        return max + Math.log(sum);
    }
}
