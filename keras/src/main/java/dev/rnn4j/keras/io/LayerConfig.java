package dev.rnn4j.keras.io;

import java.util.List;
import java.util.Map;

/**
 * One layer's entry of a Keras model config ({@code {"class_name": ..., "config": {...}}}) with typed reads that
 * fail naming the layer, its class and the file. Absent optional keys take Keras's defaults.
 */
record LayerConfig(String className, String name, Map<String, Object> config, String source) {

    @SuppressWarnings("unchecked")
    static LayerConfig of(Object entry, String source) {
        if (!(entry instanceof Map<?, ?> m) || !(m.get("class_name") instanceof String cls)
                || !(m.get("config") instanceof Map<?, ?> c)) {
            throw new KerasFileException(source + ": a layer entry of the model config lacks class_name or config: "
                    + shorten(entry));
        }
        Object name = c.get("name");
        return new LayerConfig(cls, name instanceof String s ? s : cls, (Map<String, Object>) c, source);
    }

    /** The nested layer of a wrapper (Bidirectional, TimeDistributed). */
    LayerConfig inner() {
        Object layer = config.get("layer");
        if (layer == null) throw error("has no nested 'layer'");
        return of(layer, source);
    }

    int integer(String key) {
        Object v = config.get(key);
        if (v instanceof Long l && l > 0 && l <= Integer.MAX_VALUE) return (int) (long) l;
        if (v instanceof Double d && d == Math.rint(d) && d > 0 && d <= Integer.MAX_VALUE) return (int) (double) d;
        throw error("needs a positive integer '" + key + "', got " + shorten(v));
    }

    double number(String key, double absent) {
        Object v = config.get(key);
        if (v == null) return absent;
        if (v instanceof Long l) return l;
        if (v instanceof Double d) return d;
        throw error("needs a number '" + key + "', got " + shorten(v));
    }

    boolean flag(String key, boolean absent) {
        Object v = config.get(key);
        if (v == null) return absent;
        if (v instanceof Boolean b) return b;
        throw error("needs true or false for '" + key + "', got " + shorten(v));
    }

    /**
     * A string option, or {@code absent}; Keras 3 may also write an activation as {"class_name": ..., "config": ...}.
     */
    String text(String key, String absent) {
        Object v = config.get(key);
        if (v == null) return absent;
        if (v instanceof String s) return s;
        if (v instanceof Map<?, ?> m && m.get("config") instanceof Map<?, ?> c
                && c.get("name") instanceof String s) return s;
        throw error("needs a string '" + key + "', got " + shorten(v));
    }

    /** {@code [null, 100]} etc. as dimensions with -1 for null; null when absent. */
    int[] shape(String key) {
        Object v = config.get(key);
        if (v == null) return null;
        if (!(v instanceof List<?> list) || list.isEmpty()) throw error("needs a shape list '" + key + "', got "
                + shorten(v));
        int[] dims = new int[list.size()];
        for (int i = 0; i < dims.length; i++) {
            Object d = list.get(i);
            if (d == null) dims[i] = -1;
            else if (d instanceof Long l && l > 0 && l <= Integer.MAX_VALUE) dims[i] = (int) (long) l;
            else throw error("has a bad dimension in '" + key + "': " + shorten(v));
        }
        return dims;
    }

    /** Refuses an option whose value this library cannot honour. */
    void require(boolean ok, String what) {
        if (!ok) throw error(what);
    }

    KerasFileException error(String what) {
        return new KerasFileException(source + ": layer '" + name + "' (" + className + ") " + what);
    }

    private static String shorten(Object v) {
        String s = String.valueOf(v);
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
