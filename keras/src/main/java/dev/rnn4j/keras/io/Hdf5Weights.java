package dev.rnn4j.keras.io;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the arrays of Keras's two HDF5 weight layouts with jhdf. Keras 3's {@code model.weights.h5} keeps a
 * layer's variables under {@code layers/<snake_case_class>[_N]/vars/0, 1, ...} (a recurrent layer's under
 * {@code .../cell/vars}); the legacy Keras 2 {@code .h5} keeps them under {@code model_weights/<layer name>},
 * in the order of that group's {@code weight_names} attribute. Every failure becomes a
 * {@link KerasFileException} naming the file and the path.
 */
final class Hdf5Weights {
    private final HdfFile file;
    private final String source;

    Hdf5Weights(HdfFile file, String source) {
        this.file = file;
        this.source = source;
    }

    /** An array as stored: float32 values in C order and the shape. */
    record Array(int[] shape, float[] values) {
        long size() { return values.length; }
    }

    /**
     * The variables {@code 0, 1, ...} of the group at {@code path} (Keras 3 layout); empty when the group is absent.
     */
    List<Array> vars(String path) { return vars(path, 0); }

    /** The variables {@code from, from + 1, ...} of the group at {@code path}; empty when the group is absent. */
    List<Array> vars(String path, int from) {
        Node node = find(path);
        if (node == null) return List.of();
        if (!(node instanceof Group g)) throw new KerasFileException(source + ": " + path + " is not a group");
        List<Array> arrays = new ArrayList<>();
        for (int i = from; i < g.getChildren().size(); i++) {
            Node child = g.getChild(Integer.toString(i));
            if (!(child instanceof Dataset d)) {
                throw new KerasFileException(source + ": " + path + " should hold datasets named 0.."
                        + (g.getChildren().size() - 1)
                        + ", " + i + " is missing");
            }
            arrays.add(read(d));
        }
        return arrays;
    }

    boolean has(String path) { return find(path) != null; }

    /** An integer scalar dataset (Keras 3's optimizer step counter), or -1 when absent or of another type. */
    long integerScalar(String path) {
        if (!(find(path) instanceof Dataset d) || !d.isScalar()) return -1;
        return d.getData() instanceof Number n && !(n instanceof Float) && !(n instanceof Double) ? n.longValue() : -1;
    }

    /**
     * A legacy layer's weights: datasets named by the {@code weight_names} attribute of {@code model_weights/<layer>}.
     */
    List<Array> legacyLayer(String layerName) {
        String path = "model_weights/" + layerName;
        Node node = find(path);
        if (node == null) return List.of();
        List<Array> arrays = new ArrayList<>();
        for (String name : strings(node, "weight_names")) {
            Node d = find(path + "/" + name);
            if (!(d instanceof Dataset ds)) throw new KerasFileException(source + ": weight " + path + "/" + name
                    + " is missing");
            arrays.add(read(ds));
        }
        return arrays;
    }

    /** A string attribute (Keras 2's {@code model_config}), or null when absent; chunked ones are joined. */
    String stringAttribute(String path, String name) {
        Node node = path.isEmpty() ? file : find(path);
        if (node == null) return null;
        List<String> parts = strings(node, name);
        return parts.isEmpty() ? null : String.join("", parts);
    }

    /**
     * A string or string-array attribute; Keras splits those over HDF5's 64 KB object header limit into
     * {@code name0, name1, ...}, read here in order and concatenated.
     */
    List<String> strings(Node node, String name) {
        List<String> out = new ArrayList<>();
        Attribute whole = node.getAttribute(name);
        if (whole != null) {
            out.addAll(stringValues(whole, node.getPath() + "@" + name));
            return out;
        }
        for (int chunk = 0; ; chunk++) {
            Attribute a = node.getAttribute(name + chunk);
            if (a == null) break;
            out.addAll(stringValues(a, node.getPath() + "@" + name + chunk));
        }
        return out;
    }

    List<String> layerNames() { return strings(require("model_weights"), "layer_names"); }

    private Node require(String path) {
        Node n = find(path);
        if (n == null) throw new KerasFileException(source + ": group " + path + " is missing");
        return n;
    }

    private List<String> stringValues(Attribute a, String where) {
        // Keras 2 stores an empty name list as an empty float64 array.
        if (a.isEmpty() || a.getSize() == 0) return List.of();
        Object data = a.getData();
        if (data instanceof String s) return List.of(s);
        if (data instanceof String[] arr) return Arrays.asList(arr);
        if (data instanceof byte[] bytes) return List.of(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        throw new KerasFileException(source + ": attribute " + where + " should hold text, got "
                + a.getJavaType().getSimpleName());
    }

    private Node find(String path) {
        Node n = file;
        for (String part : path.split("/")) {
            if (part.isEmpty()) continue;
            if (!(n instanceof Group g)) return null;
            n = g.getChildren().get(part);
            if (n == null) return null;
        }
        return n;
    }

    private Array read(Dataset d) {
        int[] shape = d.getDimensions();
        Object flat = d.isScalar() ? d.getData() : d.getDataFlat();
        float[] v;
        if (flat instanceof float[] f) {
            v = f;
        } else if (flat instanceof double[] dd) {
            v = new float[dd.length];
            for (int i = 0; i < v.length; i++) v[i] = (float) dd[i];
        } else if (flat instanceof Float f) {
            v = new float[] {f};
        } else {
            throw new KerasFileException(source + ": dataset " + d.getPath()
                    + " should hold float32 or float64 values, got "
                    + d.getJavaType().getSimpleName());
        }
        long n = 1;
        for (int s : shape) n *= s;
        if (n != v.length) throw new KerasFileException(source + ": dataset " + d.getPath() + " has " + v.length
                + " values for shape "
                + Arrays.toString(shape));
        return new Array(shape, v);
    }
}
