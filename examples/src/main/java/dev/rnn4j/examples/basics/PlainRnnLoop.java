package dev.rnn4j.examples.basics;

import dev.rnn4j.tensor.Rng;

/**
 * The Keras chapter's RNN written as a plain loop (its "numpy" listing), in Java arrays:
 * {@code output_t = tanh(W·input_t + U·state_t + b)}, the state starting at zeros and becoming each
 * output in turn. W, U, b and the inputs are uniform in [0, 1) as {@code np.random.random} draws them.
 *
 * <pre>{@code
 * float[][] outputs = PlainRnnLoop.run(100, 32, 64, new Rng(0));   // (timesteps, output_features) = (100, 64)
 * }</pre>
 */
final class PlainRnnLoop {
    private PlainRnnLoop() {}

    /** The successive outputs, one row per time step. */
    static float[][] run(int timesteps, int inputFeatures, int outputFeatures, Rng rng) {
        float[][] inputs = random(timesteps, inputFeatures, rng);
        float[] state = new float[outputFeatures];                       // initial state: all zeros
        float[][] W = random(outputFeatures, inputFeatures, rng);
        float[][] U = random(outputFeatures, outputFeatures, rng);
        float[] b = random(1, outputFeatures, rng)[0];
        float[][] outputs = new float[timesteps][];
        for (int t = 0; t < timesteps; t++) {
            float[] output = new float[outputFeatures];
            for (int o = 0; o < outputFeatures; o++) {
                double s = b[o];
                for (int i = 0; i < inputFeatures; i++) s += W[o][i] * inputs[t][i];
                for (int j = 0; j < outputFeatures; j++) s += U[o][j] * state[j];
                output[o] = (float) Math.tanh(s);
            }
            outputs[t] = output;
            state = output;                                              // the output is the next state
        }
        return outputs;
    }

    private static float[][] random(int rows, int cols, Rng rng) {
        float[][] m = new float[rows][cols];
        for (float[] row : m) for (int j = 0; j < cols; j++) row[j] = rng.nextFloat();
        return m;
    }
}
