package dev.rnn4j.golden;

import dev.rnn4j.tensor.Tensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stop-gap safetensors reader for the golden tests until dev.rnn4j.io.SafeTensors is merged:
 * F32 and I64 tensors plus the string metadata, with a JSON parser just big enough for the header.
 */
final class MiniSafeTensors {
    private final Map<String, Object> header;
    private final ByteBuffer data;

    private MiniSafeTensors(Map<String, Object> header, ByteBuffer data) {
        this.header = header;
        this.data = data;
    }

    @SuppressWarnings("unchecked")
    static MiniSafeTensors read(Path path) throws IOException {
        ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.LITTLE_ENDIAN);
        int n = Math.toIntExact(all.getLong(0));
        String json = new String(all.array(), 8, n, StandardCharsets.UTF_8);
        ByteBuffer data = all.slice(8 + n, all.capacity() - 8 - n).order(ByteOrder.LITTLE_ENDIAN);
        return new MiniSafeTensors((Map<String, Object>) parse(json), data);
    }

    List<String> names() {
        return header.keySet().stream().filter(k -> !k.equals("__metadata__")).toList();
    }

    @SuppressWarnings("unchecked")
    Map<String, String> metadata() {
        Object m = header.get("__metadata__");
        return m == null ? Map.of() : (Map<String, String>) m;
    }

    boolean has(String name) { return header.containsKey(name) && !name.equals("__metadata__"); }

    Tensor tensor(String name) {
        Map<String, Object> e = entry(name, "F32");
        int[] shape = shape(e);
        long[] off = offsets(e);
        float[] v = new float[Math.toIntExact((off[1] - off[0]) / 4)];
        for (int i = 0; i < v.length; i++) v[i] = data.getFloat(Math.toIntExact(off[0] + 4L * i));
        return new Tensor(v, shape);
    }

    long[] longs(String name) {
        long[] off = offsets(entry(name, "I64"));
        long[] v = new long[Math.toIntExact((off[1] - off[0]) / 8)];
        for (int i = 0; i < v.length; i++) v[i] = data.getLong(Math.toIntExact(off[0] + 8L * i));
        return v;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> entry(String name, String dtype) {
        Object e = header.get(name);
        if (!(e instanceof Map) || name.equals("__metadata__")) throw new IllegalArgumentException("no tensor '" + name + "'");
        Map<String, Object> m = (Map<String, Object>) e;
        if (!dtype.equals(m.get("dtype"))) throw new IllegalArgumentException(name + " is " + m.get("dtype") + ", not " + dtype);
        return m;
    }

    @SuppressWarnings("unchecked")
    private static int[] shape(Map<String, Object> e) {
        return ((List<Object>) e.get("shape")).stream().mapToInt(o -> ((Number) o).intValue()).toArray();
    }

    @SuppressWarnings("unchecked")
    private static long[] offsets(Map<String, Object> e) {
        return ((List<Object>) e.get("data_offsets")).stream().mapToLong(o -> ((Number) o).longValue()).toArray();
    }

    /** JSON to Map (insertion order), List, Long, Double, Boolean, String, null. */
    static Object parse(String s) {
        int[] pos = {0};
        Object v = value(s, pos);
        skip(s, pos);
        if (pos[0] != s.length()) throw new IllegalArgumentException("trailing JSON at " + pos[0]);
        return v;
    }

    private static Object value(String s, int[] p) {
        skip(s, p);
        char ch = s.charAt(p[0]);
        switch (ch) {
            case '{' -> {
                Map<String, Object> m = new LinkedHashMap<>();
                p[0]++;
                skip(s, p);
                if (s.charAt(p[0]) == '}') { p[0]++; return m; }
                while (true) {
                    skip(s, p);
                    String k = string(s, p);
                    skip(s, p);
                    expect(s, p, ':');
                    m.put(k, value(s, p));
                    skip(s, p);
                    if (s.charAt(p[0]) == ',') { p[0]++; continue; }
                    expect(s, p, '}');
                    return m;
                }
            }
            case '[' -> {
                List<Object> l = new ArrayList<>();
                p[0]++;
                skip(s, p);
                if (s.charAt(p[0]) == ']') { p[0]++; return l; }
                while (true) {
                    l.add(value(s, p));
                    skip(s, p);
                    if (s.charAt(p[0]) == ',') { p[0]++; continue; }
                    expect(s, p, ']');
                    return l;
                }
            }
            case '"' -> { return string(s, p); }
            default -> {
                for (String lit : new String[] {"true", "false", "null"}) {
                    if (s.startsWith(lit, p[0])) {
                        p[0] += lit.length();
                        return lit.equals("null") ? null : Boolean.valueOf(lit);
                    }
                }
                int start = p[0];
                while (p[0] < s.length() && "+-0123456789.eE".indexOf(s.charAt(p[0])) >= 0) p[0]++;
                String num = s.substring(start, p[0]);
                if (num.isEmpty()) throw new IllegalArgumentException("bad JSON at " + start);
                return num.matches("-?\\d+") ? (Object) Long.valueOf(num) : (Object) Double.valueOf(num);
            }
        }
    }

    private static String string(String s, int[] p) {
        expect(s, p, '"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            char ch = s.charAt(p[0]++);
            if (ch == '"') return sb.toString();
            if (ch != '\\') { sb.append(ch); continue; }
            char e = s.charAt(p[0]++);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' -> { sb.append((char) Integer.parseInt(s.substring(p[0], p[0] + 4), 16)); p[0] += 4; }
                default -> sb.append(e);
            }
        }
    }

    private static void skip(String s, int[] p) {
        while (p[0] < s.length() && Character.isWhitespace(s.charAt(p[0]))) p[0]++;
    }

    private static void expect(String s, int[] p, char c) {
        if (s.charAt(p[0]) != c) throw new IllegalArgumentException("expected '" + c + "' at " + p[0] + " in JSON");
        p[0]++;
    }
}
