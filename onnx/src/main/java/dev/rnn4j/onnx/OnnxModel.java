package dev.rnn4j.onnx;

import dev.rnn4j.io.AtomicFiles;
import dev.rnn4j.onnx.proto.OnnxProto.GraphProto;
import dev.rnn4j.onnx.proto.OnnxProto.ModelProto;
import dev.rnn4j.onnx.proto.OnnxProto.OperatorSetIdProto;
import dev.rnn4j.onnx.proto.OnnxProto.StringStringEntryProto;
import dev.rnn4j.onnx.proto.OnnxProto.ValueInfoProto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An exported ONNX model: opset {@value #OPSET} (IR version {@value #IR_VERSION}), which onnxruntime 1.23 runs
 * with its CPU kernels. Save it with {@link #save(Path)} or take its bytes for an inference session.
 *
 * <pre>{@code
 * OnnxModel m = OnnxExport.charLm(model);
 * m.save(Path.of("model.onnx"));
 * m.inputNames();    // [tokens, h0, c0]
 * }</pre>
 */
public final class OnnxModel {
    /** The default ONNX operator set this exporter writes. */
    public static final int OPSET = 17;
    /** The IR version that goes with opset 17. */
    public static final int IR_VERSION = 8;

    private final ModelProto proto;

    OnnxModel(GraphProto graph, String description) { this(graph, description, Map.of()); }

    /** With {@code metadata} as the model's metadata_props (onnxruntime: {@code custom_metadata_map}). */
    OnnxModel(GraphProto graph, String description, Map<String, String> metadata) {
        ModelProto.Builder m = ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("rnn4j")
                .setDocString(description).setGraph(graph)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET));
        metadata.forEach((k, v) -> m.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        this.proto = m.build();
    }

    /** The serialized model, as a {@code .onnx} file holds it. */
    public byte[] toByteArray() { return proto.toByteArray(); }

    /**
     * Writes the model to {@code file} atomically (a crash leaves the old file or the new one), readable by all
     * like any other deployable file (the temporary file it starts as is private to its owner).
     */
    public void save(Path file) {
        AtomicFiles.write(file, toByteArray());
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its default permissions stand
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set the permissions of " + file + ": " + e.getMessage(), e);
        }
    }

    public List<String> inputNames() { return names(proto.getGraph().getInputList()); }

    public List<String> outputNames() { return names(proto.getGraph().getOutputList()); }

    private static List<String> names(List<ValueInfoProto> values) {
        return values.stream().map(ValueInfoProto::getName).toList();
    }

    /** How many nodes the main graph has (a Scan body counts as its Scan node). */
    public int nodeCount() { return proto.getGraph().getNodeCount(); }

    /** The model's metadata_props, e.g. a character LM's {@code vocabulary}. */
    public Map<String, String> metadata() {
        Map<String, String> m = new LinkedHashMap<>();
        for (StringStringEntryProto e : proto.getMetadataPropsList()) m.put(e.getKey(), e.getValue());
        return m;
    }

    /** What was exported, e.g. {@code "character LM: LSTM, 2 layers, hidden 128, vocabulary 65"}. */
    public String description() { return proto.getDocString(); }
}
