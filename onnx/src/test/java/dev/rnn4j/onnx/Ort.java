package dev.rnn4j.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.rnn4j.tensor.Tensor;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs an exported model in onnxruntime (CPU) and hands its outputs back as rnn4j tensors. */
final class Ort implements AutoCloseable {
    /** Float32 arithmetic in a different order (fused kernels, other GEMMs) stays within this of rnn4j's. */
    static final double TOLERANCE = 1e-5;

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final Map<String, OnnxTensor> inputs = new LinkedHashMap<>();

    Ort(OnnxModel model) {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            session = env.createSession(model.toByteArray(), options);
        } catch (OrtException e) {
            throw new AssertionError("onnxruntime refused the model: " + e.getMessage(), e);
        }
    }

    /** The declared shape of input {@code name}, -1 for a dynamic dimension. */
    long[] inputShape(String name) {
        try {
            return ((ai.onnxruntime.TensorInfo) session.getInputInfo().get(name).getInfo()).getShape();
        } catch (OrtException e) {
            throw new AssertionError(e);
        }
    }

    /** True when input {@code name} takes int64 values (token ids). */
    boolean takesLongs(String name) {
        try {
            return ((ai.onnxruntime.TensorInfo) session.getInputInfo().get(name).getInfo()).type
                    == ai.onnxruntime.OnnxJavaType.INT64;
        } catch (OrtException e) {
            throw new AssertionError(e);
        }
    }

    Ort floats(String name, Tensor t) {
        return put(name, () -> OnnxTensor.createTensor(env, FloatBuffer.wrap(t.data()), longs(t.shape())));
    }

    Ort ints(String name, int[] values, long... shape) {
        return put(name, () -> OnnxTensor.createTensor(env, IntBuffer.wrap(values), shape));
    }

    Ort longs(String name, long[] values, long... shape) {
        return put(name, () -> OnnxTensor.createTensor(env, LongBuffer.wrap(values), shape));
    }

    private interface Make { OnnxTensor make() throws OrtException; }

    private Ort put(String name, Make m) {
        try {
            OnnxTensor old = inputs.put(name, m.make());
            if (old != null) old.close();
        } catch (OrtException e) {
            throw new AssertionError(e);
        }
        return this;
    }

    /** Runs the session on the inputs given so far; every output as a float tensor. */
    Map<String, Tensor> run() {
        try (OrtSession.Result r = session.run(new HashMap<>(inputs))) {
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (Map.Entry<String, ai.onnxruntime.OnnxValue> e : r) {
                OnnxTensor t = (OnnxTensor) e.getValue();
                long[] shape = t.getInfo().getShape();
                FloatBuffer b = t.getFloatBuffer();
                float[] v = new float[b.remaining()];
                b.get(v);
                int[] s = new int[shape.length];
                for (int i = 0; i < s.length; i++) s[i] = Math.toIntExact(shape[i]);
                out.put(e.getKey(), new Tensor(v, s));
            }
            return out;
        } catch (OrtException e) {
            throw new AssertionError("onnxruntime failed: " + e.getMessage(), e);
        }
    }

    /** The largest |a − b|; fails when the shapes differ. */
    static double maxError(Tensor expected, Tensor actual) {
        if (!java.util.Arrays.equals(expected.shape(), actual.shape())) {
            throw new AssertionError("shape " + java.util.Arrays.toString(actual.shape()) + ", expected "
                    + java.util.Arrays.toString(expected.shape()));
        }
        double max = 0;
        for (int i = 0; i < expected.numel(); i++) {
            double d = Math.abs((double) expected.data()[i] - actual.data()[i]);
            if (!(d <= max)) max = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
        }
        return max;
    }

    static long[] longs(int[] shape) {
        long[] l = new long[shape.length];
        for (int i = 0; i < l.length; i++) l[i] = shape[i];
        return l;
    }

    @Override
    public void close() {
        inputs.values().forEach(OnnxTensor::close);
        try {
            session.close();
        } catch (OrtException e) {
            throw new AssertionError(e);
        }
    }
}
