package dev.rnn4j.examples.seqtools;

import dev.rnn4j.io.SafeTensors;
import dev.rnn4j.io.SafeTensorsFile;
import dev.rnn4j.nn.Module;
import dev.rnn4j.nn.Parameter;
import dev.rnn4j.nn.ParameterBuffer;
import dev.rnn4j.tensor.Tensor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of a model made of several layers, under dotted PyTorch {@code state_dict} names
 * ({@code encoder.weight_ih_l0}), moved into one flat buffer for the optimizer and gradient clipping,
 * and saved to or loaded from safetensors.
 *
 * <pre>{@code
 * ModelParameters p = new ModelParameters().add("embedding", emb).add("lstm", lstm).seal();
 * GradClip.clipGradNorm(p.buffer(), 5.0);
 * p.save(dir.resolve("model.safetensors"), Map.of("config", json));
 * }</pre>
 */
public final class ModelParameters {
    private final Map<String, Parameter> named = new LinkedHashMap<>();
    private ParameterBuffer buffer;

    /** Registers every parameter of {@code module} as {@code prefix.name}. */
    public ModelParameters add(String prefix, Module module) {
        if (buffer != null) throw new IllegalStateException("parameters are sealed; add every module before seal()");
        for (Parameter p : module.parameters()) {
            String name = prefix + "." + p.name();
            if (named.put(name, p) != null) {
                throw new IllegalArgumentException("parameter " + name + " registered twice");
            }
        }
        return this;
    }

    /** Moves all registered parameters into one flat buffer; call once, after the last {@link #add}. */
    public ModelParameters seal() {
        buffer = ParameterBuffer.of(new ArrayList<>(named.values()));
        return this;
    }

    public ParameterBuffer buffer() {
        if (buffer == null) throw new IllegalStateException("call seal() first");
        return buffer;
    }

    public List<Parameter> list() { return List.copyOf(named.values()); }

    public long count() { return buffer().size(); }

    public void zeroGrad() { buffer().zeroGrad(); }

    /** A copy of all values (for keeping the best weights seen during training). */
    public float[] snapshot() { return buffer().data().clone(); }

    public void restore(float[] snapshot) {
        if (snapshot.length != buffer().size()) {
            throw new IllegalArgumentException("snapshot has " + snapshot.length + " values, the model "
                    + buffer().size());
        }
        System.arraycopy(snapshot, 0, buffer().data(), 0, snapshot.length);
    }

    /** Writes every parameter under its dotted name, with string metadata, atomically. */
    public void save(Path file, Map<String, String> metadata) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        named.forEach((name, p) -> tensors.put(name, p.value()));
        SafeTensors.write(file, tensors, metadata);
    }

    /** Loads values saved by {@link #save}; every parameter must be present with its shape. */
    public void load(SafeTensorsFile file) {
        for (Map.Entry<String, Parameter> e : named.entrySet()) {
            if (!file.has(e.getKey())) {
                throw new IllegalArgumentException("checkpoint has no tensor " + e.getKey() + "; it has "
                        + file.names());
            }
            int[] shape = file.shape(e.getKey());
            if (!Arrays.equals(shape, e.getValue().shape())) {
                throw new IllegalArgumentException("checkpoint tensor " + e.getKey() + " has shape "
                        + Arrays.toString(shape) + ", the model expects " + Arrays.toString(e.getValue().shape()));
            }
            e.getValue().set(file.tensor(e.getKey()));
        }
    }
}
