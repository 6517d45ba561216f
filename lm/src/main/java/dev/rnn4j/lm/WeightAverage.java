package dev.rnn4j.lm;

import dev.rnn4j.nn.Parameter;
import dev.rnn4j.tensor.Tensor;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The elementwise mean of several models' weights: checkpoint averaging, as fairseq's
 * {@code average_checkpoints.py} or stochastic weight averaging. Sums are kept in double precision, so the
 * result is the exact mean rounded once to float32: a model averaged with itself comes back bit for bit.
 *
 * <pre>{@code
 * WeightAverage average = new WeightAverage();
 * average.add(a.model().stateDict());
 * average.add(b.model().stateDict());
 * average.copyInto(b.model().stateDict());   // b now holds (a + b) / 2
 * }</pre>
 */
public final class WeightAverage {
    private final Map<String, double[]> sums = new LinkedHashMap<>();
    private final Map<String, int[]> shapes = new LinkedHashMap<>();
    private int count;

    /** Adds one model's parameters; every model must have the first one's names and shapes. */
    public void add(Map<String, Parameter> stateDict) {
        if (count == 0) {
            stateDict.forEach((name, p) -> {
                sums.put(name, new double[p.size()]);
                shapes.put(name, p.shape());
            });
        }
        requireSameLayout(stateDict);
        stateDict.forEach((name, p) -> {
            double[] sum = sums.get(name);
            float[] data = p.data();
            for (int i = 0, o = p.offset(); i < sum.length; i++) sum[i] += data[o + i];
        });
        count++;
    }

    /** How many models were added. */
    public int count() { return count; }

    /** Sets each parameter of {@code stateDict} to the mean of the models added, rounded to float32. */
    public void copyInto(Map<String, Parameter> stateDict) {
        if (count == 0) throw new IllegalStateException("no models were added to average");
        requireSameLayout(stateDict);
        stateDict.forEach((name, p) -> {
            double[] sum = sums.get(name);
            float[] mean = new float[sum.length];
            for (int i = 0; i < sum.length; i++) mean[i] = (float) (sum[i] / count);
            p.set(new Tensor(mean, p.shape()));
        });
    }

    private void requireSameLayout(Map<String, Parameter> stateDict) {
        if (!stateDict.keySet().equals(sums.keySet())) {
            throw new IllegalArgumentException("cannot average models with different parameters: " + stateDict.keySet()
                    + " vs " + sums.keySet());
        }
        stateDict.forEach((name, p) -> {
            if (!Arrays.equals(p.shape(), shapes.get(name))) {
                throw new IllegalArgumentException("cannot average " + name + " of shape " + Arrays.toString(p.shape())
                        + " with one of shape " + Arrays.toString(shapes.get(name)));
            }
        });
    }
}
