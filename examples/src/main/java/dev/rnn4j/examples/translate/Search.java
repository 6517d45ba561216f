package dev.rnn4j.examples.translate;

import dev.rnn4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Generating a target from an encoded source: greedy (the most likely token at every step) for a whole
 * batch at once, or beam search keeping the {@code beam} best partial translations of one sentence.
 *
 * <pre>{@code
 * int[][] greedy = Search.greedy(model, encoded, 30);          // token ids per sentence, without <eos>
 * int[] best = Search.beam(model, Seq2Seq.select(encoded, new int[] {i}), 5, 30);
 * }</pre>
 *
 * Beam hypotheses are ranked by log-probability divided by length^{@value #LENGTH_ALPHA} once finished,
 * so longer translations are not penalised merely for having more factors below one.
 */
final class Search {
    static final double LENGTH_ALPHA = 0.6;

    private Search() {}

    static int[][] greedy(Seq2Seq model, Seq2Seq.Encoded e, int maxLength) {
        int B = e.batchSize(), V = model.targetVocabSize();
        int[] previous = new int[B];
        Arrays.fill(previous, Seq2SeqVocabs.SOS);
        List<List<Integer>> out = new ArrayList<>();
        for (int b = 0; b < B; b++) out.add(new ArrayList<>());
        boolean[] done = new boolean[B];
        Tensor h = e.h(), c = e.c();
        for (int t = 0; t < maxLength; t++) {
            Seq2Seq.Step s = model.step(e, previous, h, c);
            h = s.h();
            c = s.c();
            boolean all = true;
            for (int b = 0; b < B; b++) {
                int best = argmax(s.logits(), b * V, V);
                previous[b] = best;
                if (done[b]) continue;
                if (best == Seq2SeqVocabs.EOS) done[b] = true;
                else out.get(b).add(best);
                all &= done[b];
            }
            if (all) break;
        }
        int[][] ids = new int[B][];
        for (int b = 0; b < B; b++) ids[b] = out.get(b).stream().mapToInt(Integer::intValue).toArray();
        return ids;
    }

    /** Beam search over one sentence ({@code e} of batch size 1); the best finished hypothesis, without {@code <eos>}. */
    static int[] beam(Seq2Seq model, Seq2Seq.Encoded e, int beamSize, int maxLength) {
        if (e.batchSize() != 1) throw new IllegalArgumentException("beam search takes one sentence, got a batch of " + e.batchSize());
        if (beamSize < 1) throw new IllegalArgumentException("--beam must be at least 1, got " + beamSize);
        int V = model.targetVocabSize();
        List<int[]> tokens = new ArrayList<>(List.of(new int[0]));
        double[] scores = {0};
        Tensor h = e.h(), c = e.c();
        int[] best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < maxLength && !tokens.isEmpty(); t++) {
            int K = tokens.size();
            int[] previous = new int[K];
            for (int k = 0; k < K; k++) previous[k] = tokens.get(k).length == 0 ? Seq2SeqVocabs.SOS : tokens.get(k)[tokens.get(k).length - 1];
            Seq2Seq.Step s = model.step(Seq2Seq.select(e, new int[K]), previous, h, c);
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
                if (v == Seq2SeqVocabs.EOS) {
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
            // Stop when the most likely candidate of this step ended the sentence (as OpenNMT does), or when
            // no open hypothesis can still beat the best finished one: its log-probability only falls as it
            // grows, so its normalised score is at most score / (maxLength+1)^α.
            boolean topFinished = candidate[0] >= 0 && candidate[0] % V == Seq2SeqVocabs.EOS;
            if (best != null && (nextScores.isEmpty() || topFinished
                    || nextScores.get(0) / Math.pow(maxLength + 1, LENGTH_ALPHA) < bestScore)) {
                break;
            }
            int[] rows = parents.stream().mapToInt(Integer::intValue).toArray();
            h = Seq2Seq.gather(s.h(), rows);
            c = Seq2Seq.gather(s.c(), rows);
            tokens = nextTokens;
            scores = nextScores.stream().mapToDouble(Double::doubleValue).toArray();
        }
        if (best == null) {   // nothing finished within maxLength: the best open hypothesis
            best = tokens.isEmpty() ? new int[0] : tokens.get(0);
        }
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

    static int argmax(float[] x, int off, int n) {
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
