package dev.rnn4j.onnx;

import com.google.protobuf.ByteString;
import dev.rnn4j.onnx.proto.OnnxProto.AttributeProto;
import dev.rnn4j.onnx.proto.OnnxProto.GraphProto;
import dev.rnn4j.onnx.proto.OnnxProto.NodeProto;
import dev.rnn4j.onnx.proto.OnnxProto.TensorProto;
import dev.rnn4j.onnx.proto.OnnxProto.TensorShapeProto;
import dev.rnn4j.onnx.proto.OnnxProto.TypeProto;
import dev.rnn4j.onnx.proto.OnnxProto.ValueInfoProto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes one ONNX graph (the main graph or a Scan body) node by node: each call adds a node and returns the
 * name of its output, so graph code reads like the equations it exports. Weights become initializers
 * (little-endian raw data). Names are unique across a graph and its sub-graphs, since a body may read
 * values of the enclosing graph by name.
 *
 * <pre>{@code
 * OnnxGraph g = new OnnxGraph("lm");
 * String x = g.input("x", OnnxGraph.FLOAT, "batch", 4);
 * String y = g.op("Relu", x);
 * g.output(g.rename(y, "y"), OnnxGraph.FLOAT, "batch", 4);
 * }</pre>
 */
final class OnnxGraph {
    static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;
    static final int INT32 = TensorProto.DataType.INT32_VALUE;
    static final int INT64 = TensorProto.DataType.INT64_VALUE;
    static final int BOOL = TensorProto.DataType.BOOL_VALUE;

    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final AtomicInteger counter;    // shared with sub-graphs

    OnnxGraph(String name) { this(name, new AtomicInteger()); }

    private OnnxGraph(String name, AtomicInteger counter) {
        this.counter = counter;
        graph.setName(name);
    }

    /** A sub-graph (a Scan body) whose value names cannot clash with this graph's. */
    OnnxGraph subgraph(String name) { return new OnnxGraph(name, counter); }

    /** A fresh value name starting with {@code hint}. */
    String fresh(String hint) { return hint + "_" + counter.getAndIncrement(); }

    /** Declares a graph input; each dim is an Integer (fixed) or a String (a named dynamic dimension). */
    String input(String name, int elemType, Object... dims) {
        graph.addInput(valueInfo(name, elemType, dims));
        return name;
    }

    /** Declares {@code name} as a graph output of the given type and dims (Integer or String, null = unknown). */
    void output(String name, int elemType, Object... dims) { graph.addOutput(valueInfo(name, elemType, dims)); }

    /** A float initializer of the given shape. */
    String weight(String hint, float[] values, long... dims) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return initializer(hint, FLOAT, ByteString.copyFrom(b.array()), dims);
    }

    /** A 1-D int64 initializer (shapes, axes, split sizes). */
    String ints(String hint, long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return initializer(hint, INT64, ByteString.copyFrom(b.array()), values.length);
    }

    /** A scalar int64 initializer. */
    String scalar(String hint, long value) {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, value);
        return initializer(hint, INT64, ByteString.copyFrom(b.array()));
    }

    /** A scalar int32 initializer ({@code type} INT32) or int64 (INT64). */
    String scalar(String hint, int value, int type) {
        if (type == INT64) return scalar(hint, (long) value);
        ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, value);
        return initializer(hint, INT32, ByteString.copyFrom(b.array()));
    }

    /** A scalar float initializer. */
    String scalar(String hint, float value) {
        ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(0, value);
        return initializer(hint, FLOAT, ByteString.copyFrom(b.array()));
    }

    private String initializer(String hint, int type, ByteString raw, long... dims) {
        String name = fresh(hint);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type).setRawData(raw);
        for (long d : dims) t.addDims(d);
        graph.addInitializer(t);
        return name;
    }

    /** A node with one output; returns the output's name. */
    String op(String opType, List<String> inputs, AttributeProto... attributes) {
        return ops(opType, 1, inputs, attributes)[0];
    }

    String op(String opType, String... inputs) { return op(opType, List.of(inputs)); }

    /** A node with {@code outputs} outputs; returns their names. An empty input name is an omitted optional input. */
    String[] ops(String opType, int outputs, List<String> inputs, AttributeProto... attributes) {
        String[] out = new String[outputs];
        for (int i = 0; i < outputs; i++) out[i] = fresh(opType.toLowerCase(java.util.Locale.ROOT));
        node(opType, inputs, List.of(out), attributes);
        return out;
    }

    /** A node with outputs named by the caller (graph outputs, Scan body outputs). */
    void node(String opType, List<String> inputs, List<String> outputs, AttributeProto... attributes) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(opType).setName(fresh(opType))
                .addAllInput(inputs).addAllOutput(outputs);
        for (AttributeProto a : attributes) n.addAttribute(a);
        graph.addNode(n);
    }

    /** {@code value} as {@code type} (an OnnxGraph type constant). */
    String cast(String value, int type) { return op("Cast", List.of(value), attr("to", (long) type)); }

    /** {@code value} with a new dimension of size 1 at {@code axis}. */
    String unsqueeze(String value, int axis) { return op("Unsqueeze", value, ints("axes", axis)); }

    /** The maximum over {@code axis}, which is removed. */
    String reduceMax(String value, int axis) {
        return op("ReduceMax", List.of(value), attr("axes", new long[] {axis}), attr("keepdims", 0L));
    }

    /** The size of dimension {@code axis} of {@code value}, as an int64 scalar. */
    String size(String value, int axis) {
        String dims = op("Shape", List.of(value), attr("start", (long) axis), attr("end", (long) axis + 1));
        return op("Squeeze", dims, ints("axes", 0));
    }

    /** int64 0, 1, ..., n − 1 for an int64 scalar {@code n}. */
    String range(String n) { return op("Range", scalar("zero", 0L), n, scalar("one", 1L)); }

    /** Gives {@code value} the name {@code name} (an Identity node), e.g. to make it a named graph output. */
    String rename(String value, String name) {
        node("Identity", List.of(value), List.of(name));
        return name;
    }

    GraphProto build() { return graph.build(); }

    static AttributeProto attr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    static AttributeProto attr(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value)
                .build();
    }

    static AttributeProto attr(String name, float... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name)
                .setType(AttributeProto.AttributeType.FLOATS);
        for (float v : values) a.addFloats(v);
        return a.build();
    }

    static AttributeProto attr(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) a.addInts(v);
        return a.build();
    }

    static AttributeProto attr(String name, String... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name)
                .setType(AttributeProto.AttributeType.STRINGS);
        for (String v : values) a.addStrings(ByteString.copyFromUtf8(v));
        return a.build();
    }

    /** A single-string attribute, e.g. an LSTM's {@code direction}. */
    static AttributeProto text(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value)).build();
    }

    static AttributeProto attr(String name, GraphProto body) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.GRAPH).setG(body).build();
    }

    static ValueInfoProto valueInfo(String name, int elemType, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
            if (d instanceof Integer i) dim.setDimValue(i);
            else if (d instanceof String s) dim.setDimParam(s);
            shape.addDim(dim);
        }
        TypeProto.Tensor.Builder tensor = TypeProto.Tensor.newBuilder().setElemType(elemType).setShape(shape);
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(tensor)).build();
    }
}
