package dev.rnn4j.keras;

import dev.rnn4j.nn.Parameter;
import dev.rnn4j.tensor.Rng;

import java.util.Arrays;

/**
 * Keras's default initialisers, so a Keras-style model starts where the same Keras model would:
 * {@code glorot_uniform} kernels, {@code orthogonal} recurrent kernels, zero biases, and
 * {@code uniform(−0.05, 0.05)} embeddings.
 */
final class KerasInit {
    private KerasInit() {}

    /** U(−l, l) with l = √(6 / (fanIn + fanOut)). */
    static void glorotUniform(Parameter p, int fanIn, int fanOut, Rng rng) {
        uniform(p, (float) Math.sqrt(6.0 / (fanIn + fanOut)), rng);
    }

    static void uniform(Parameter p, float limit, Rng rng) {
        float[] d = p.data();
        for (int i = 0; i < p.size(); i++) d[p.offset() + i] = rng.uniform(-limit, limit);
    }

    static void fill(Parameter p, int from, int to, float value) {
        Arrays.fill(p.data(), p.offset() + from, p.offset() + to, value);
    }

    /**
     * A (rows × cols) matrix with orthonormal columns, rows ≥ cols, the Q of a QR factorisation of a
     * standard normal matrix with R's diagonal made positive (Keras's {@code Orthogonal}). Modified
     * Gram-Schmidt yields exactly that Q. Keras's recurrent kernel is (H, gates·H); PyTorch's
     * {@code weight_hh} is its transpose (gates·H, H), whose columns are the orthonormal ones.
     */
    static void orthogonal(Parameter p, Rng rng) {
        int[] s = p.shape();
        int rows = s[0], cols = s[1];
        if (rows < cols) {
            throw new IllegalArgumentException("orthogonal init expects rows >= cols, got " + rows + "x" + cols);
        }
        double[][] q = new double[cols][rows];    // column-major: q[j] is column j
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) q[j][i] = rng.nextGaussian();
        for (int j = 0; j < cols; j++) {
            for (int k = 0; k < j; k++) {
                double dot = 0;
                for (int i = 0; i < rows; i++) dot += q[k][i] * q[j][i];
                for (int i = 0; i < rows; i++) q[j][i] -= dot * q[k][i];
            }
            double norm = 0;
            for (int i = 0; i < rows; i++) norm += q[j][i] * q[j][i];
            norm = Math.sqrt(norm);
            for (int i = 0; i < rows; i++) q[j][i] /= norm;
        }
        float[] d = p.data();
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) d[p.offset() + i * cols + j] = (float) q[j][i];
    }
}
