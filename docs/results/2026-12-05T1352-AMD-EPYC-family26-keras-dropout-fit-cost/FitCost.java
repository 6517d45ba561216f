import dev.rnn4j.keras.*;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;

/** Seconds per epoch of fit, IMDB-shaped: Embedding(10000, 32) -> LSTM(32) or GRU(32) -> Dense(1), 2,000 x 100. */
public class FitCost {
    public static void main(String[] a) {
        int n = 2000, T = 100;
        Rng rng = new Rng(1);
        float[] ids = new float[n * T], y = new float[n];
        for (int i = 0; i < ids.length; i++) ids[i] = 1 + rng.nextInt(9999);
        for (int i = 0; i < n; i++) y[i] = rng.nextInt(2);
        Tensor x = new Tensor(ids, n, T), labels = new Tensor(y, n, 1);
        for (String kind : new String[] {"LSTM", "GRU"}) {
            for (double[] rates : new double[][] {{0, 0}, {0.2, 0}, {0.2, 0.2}}) {
                Recurrent r = kind.equals("LSTM") ? new LSTM(32) : new GRU(32);
                r.dropout(rates[0]).recurrentDropout(rates[1]);
                Sequential m = Sequential.of(new Embedding(10_000, 32), r, new Dense(1, Activation.SIGMOID)).seed(2);
                m.compile("rmsprop", "binary_crossentropy", "accuracy");
                FitConfig c = FitConfig.defaults().withEpochs(1).withBatchSize(32);
                m.fit(x, labels, c);                       // warm-up
                long t0 = System.nanoTime();
                m.fit(x, labels, c.withEpochs(3));
                double s = (System.nanoTime() - t0) / 3e9;
                System.out.printf("%s dropout=%.1f recurrent_dropout=%.1f: %.2f s per epoch%n", kind, rates[0], rates[1], s);
            }
        }
    }
}
