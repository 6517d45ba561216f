import jdk.incubator.vector.*;

public class AllProbe {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length(), P = 2 * L;
    static final VectorSpecies<Byte> BYTES = VectorSpecies.of(byte.class, VectorShape.forBitSize(8 * L));
    static final VectorSpecies<Short> SHORTS = VectorSpecies.of(short.class, VectorShape.forBitSize(16 * L));
    static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, S.vectorShape());
    static byte[] q; static short[] h; static float[] f;

    static FloatVector i8(int i) { return (FloatVector) ByteVector.fromArray(BYTES, q, i).convertShape(VectorOperators.B2F, S, 0); }
    static FloatVector b16(int i) {
        return ((IntVector) ShortVector.fromArray(SHORTS, h, i).convertShape(VectorOperators.S2I, INTS, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
    }
    static FloatVector f32(int i) { return FloatVector.fromArray(S, f, i); }
    static FloatVector at(int kind, int i) { return kind == 0 ? f32(i) : kind == 1 ? b16(i) : i8(i); }

    static void two_f32(int k, int p, float[] x, float[] y) {
        int o = p * k * P, o2 = o + k * P;
        FloatVector a = FloatVector.zero(S), c = a, d = a, e = a;
        for (int j = 0; j < k; j++) {
            int i = o + j * P, i2 = o2 + j * P;
            FloatVector v = FloatVector.broadcast(S, x[j]);
            a = v.fma(f32(i), a); c = v.fma(f32(i + L), c); d = v.fma(f32(i2), d); e = v.fma(f32(i2 + L), e);
        }
        int yo = p * P;
        a.add(FloatVector.fromArray(S, y, yo)).intoArray(y, yo);
        c.add(FloatVector.fromArray(S, y, yo + L)).intoArray(y, yo + L);
        d.add(FloatVector.fromArray(S, y, yo + P)).intoArray(y, yo + P);
        e.add(FloatVector.fromArray(S, y, yo + P + L)).intoArray(y, yo + P + L);
    }
    static void four_f32(int k, int p, float[] x, float[] y) {
        int o = p * k * P, kp = k * P;
        FloatVector a = FloatVector.zero(S), b = a, c = a, d = a, e = a, f = a, g = a, hh = a;
        for (int j = 0; j < k; j++) {
            int i = o + j * P;
            FloatVector v = FloatVector.broadcast(S, x[j]);
            a = v.fma(f32(i), a); b = v.fma(f32(i + L), b);
            c = v.fma(f32(i + kp), c); d = v.fma(f32(i + kp + L), d);
            e = v.fma(f32(i + 2 * kp), e); f = v.fma(f32(i + 2 * kp + L), f);
            g = v.fma(f32(i + 3 * kp), g); hh = v.fma(f32(i + 3 * kp + L), hh);
        }
        int yo = p * P;
        a.add(FloatVector.fromArray(S, y, yo)).intoArray(y, yo);
        b.add(FloatVector.fromArray(S, y, yo + L)).intoArray(y, yo + L);
        c.add(FloatVector.fromArray(S, y, yo + P)).intoArray(y, yo + P);
        d.add(FloatVector.fromArray(S, y, yo + P + L)).intoArray(y, yo + P + L);
        e.add(FloatVector.fromArray(S, y, yo + 2 * P)).intoArray(y, yo + 2 * P);
        f.add(FloatVector.fromArray(S, y, yo + 2 * P + L)).intoArray(y, yo + 2 * P + L);
        g.add(FloatVector.fromArray(S, y, yo + 3 * P)).intoArray(y, yo + 3 * P);
        hh.add(FloatVector.fromArray(S, y, yo + 3 * P + L)).intoArray(y, yo + 3 * P + L);
    }
    static void two_b16(int k, int p, float[] x, float[] y) {
        int o = p * k * P, o2 = o + k * P;
        FloatVector a = FloatVector.zero(S), c = a, d = a, e = a;
        for (int j = 0; j < k; j++) {
            int i = o + j * P, i2 = o2 + j * P;
            FloatVector v = FloatVector.broadcast(S, x[j]);
            a = v.fma(b16(i), a); c = v.fma(b16(i + L), c); d = v.fma(b16(i2), d); e = v.fma(b16(i2 + L), e);
        }
        int yo = p * P;
        a.add(FloatVector.fromArray(S, y, yo)).intoArray(y, yo);
        c.add(FloatVector.fromArray(S, y, yo + L)).intoArray(y, yo + L);
        d.add(FloatVector.fromArray(S, y, yo + P)).intoArray(y, yo + P);
        e.add(FloatVector.fromArray(S, y, yo + P + L)).intoArray(y, yo + P + L);
    }
    static void four_b16(int k, int p, float[] x, float[] y) {
        int o = p * k * P, kp = k * P;
        FloatVector a = FloatVector.zero(S), b = a, c = a, d = a, e = a, f = a, g = a, hh = a;
        for (int j = 0; j < k; j++) {
            int i = o + j * P;
            FloatVector v = FloatVector.broadcast(S, x[j]);
            a = v.fma(b16(i), a); b = v.fma(b16(i + L), b);
            c = v.fma(b16(i + kp), c); d = v.fma(b16(i + kp + L), d);
            e = v.fma(b16(i + 2 * kp), e); f = v.fma(b16(i + 2 * kp + L), f);
            g = v.fma(b16(i + 3 * kp), g); hh = v.fma(b16(i + 3 * kp + L), hh);
        }
        int yo = p * P;
        a.add(FloatVector.fromArray(S, y, yo)).intoArray(y, yo);
        b.add(FloatVector.fromArray(S, y, yo + L)).intoArray(y, yo + L);
        c.add(FloatVector.fromArray(S, y, yo + P)).intoArray(y, yo + P);
        d.add(FloatVector.fromArray(S, y, yo + P + L)).intoArray(y, yo + P + L);
        e.add(FloatVector.fromArray(S, y, yo + 2 * P)).intoArray(y, yo + 2 * P);
        f.add(FloatVector.fromArray(S, y, yo + 2 * P + L)).intoArray(y, yo + 2 * P + L);
        g.add(FloatVector.fromArray(S, y, yo + 3 * P)).intoArray(y, yo + 3 * P);
        hh.add(FloatVector.fromArray(S, y, yo + 3 * P + L)).intoArray(y, yo + 3 * P + L);
    }
    static void two_i8(int k, int p, float[] x, float[] y) {
        int o = p * k * P, o2 = o + k * P;
        FloatVector a = FloatVector.zero(S), c = a, d = a, e = a;
        for (int j = 0; j < k; j++) {
            int i = o + j * P, i2 = o2 + j * P;
            FloatVector v = FloatVector.broadcast(S, x[j]);
            a = v.fma(i8(i), a); c = v.fma(i8(i + L), c); d = v.fma(i8(i2), d); e = v.fma(i8(i2 + L), e);
        }
        int yo = p * P;
        a.add(FloatVector.fromArray(S, y, yo)).intoArray(y, yo);
        c.add(FloatVector.fromArray(S, y, yo + L)).intoArray(y, yo + L);
        d.add(FloatVector.fromArray(S, y, yo + P)).intoArray(y, yo + P);
        e.add(FloatVector.fromArray(S, y, yo + P + L)).intoArray(y, yo + P + L);
    }
    static void four_i8(int k, int p, float[] x, float[] y) {
        int o = p * k * P, kp = k * P;
        FloatVector a = FloatVector.zero(S), b = a, c = a, d = a, e = a, f = a, g = a, hh = a;
        for (int j = 0; j < k; j++) {
            int i = o + j * P;
            FloatVector v = FloatVector.broadcast(S, x[j]);
            a = v.fma(i8(i), a); b = v.fma(i8(i + L), b);
            c = v.fma(i8(i + kp), c); d = v.fma(i8(i + kp + L), d);
            e = v.fma(i8(i + 2 * kp), e); f = v.fma(i8(i + 2 * kp + L), f);
            g = v.fma(i8(i + 3 * kp), g); hh = v.fma(i8(i + 3 * kp + L), hh);
        }
        int yo = p * P;
        a.add(FloatVector.fromArray(S, y, yo)).intoArray(y, yo);
        b.add(FloatVector.fromArray(S, y, yo + L)).intoArray(y, yo + L);
        c.add(FloatVector.fromArray(S, y, yo + P)).intoArray(y, yo + P);
        d.add(FloatVector.fromArray(S, y, yo + P + L)).intoArray(y, yo + P + L);
        e.add(FloatVector.fromArray(S, y, yo + 2 * P)).intoArray(y, yo + 2 * P);
        f.add(FloatVector.fromArray(S, y, yo + 2 * P + L)).intoArray(y, yo + 2 * P + L);
        g.add(FloatVector.fromArray(S, y, yo + 3 * P)).intoArray(y, yo + 3 * P);
        hh.add(FloatVector.fromArray(S, y, yo + 3 * P + L)).intoArray(y, yo + 3 * P + L);
    }
    public static void main(String[] args) {
        int k = 512;
        int[] rowsOf = {Integer.parseInt(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2])};
        int max = 4096 * k;
        q = new byte[max]; h = new short[max]; f = new float[max];
        java.util.Random r = new java.util.Random(1);
        r.nextBytes(q);
        for (int i = 0; i < max; i++) { f[i] = (float) r.nextGaussian(); h[i] = (short) (Float.floatToRawIntBits(f[i]) >>> 16); }
        float[] x = new float[k], y = new float[4096];
        for (int i = 0; i < k; i++) x[i] = (float) r.nextGaussian();
        String[] kinds = {"f32", "bf16", "int8"};
        for (int round = 0; round < 5; round++) {
            StringBuilder sb = new StringBuilder();
            for (int kind = 0; kind < 3; kind++) {
                int rows = rowsOf[kind], panels = rows / P;
                for (int v = 0; v < 2; v++) {
                    int n = 1000; double us = 0;
                    for (int rep = 0; rep < 2; rep++) {
                        long t0 = System.nanoTime();
                        for (int it = 0; it < n; it++) {
                            if (kind == 0 && v == 0) for (int p = 0; p < panels; p += 2) two_f32(k, p, x, y);
                            else if (kind == 0) for (int p = 0; p < panels; p += 4) four_f32(k, p, x, y);
                            else if (kind == 1 && v == 0) for (int p = 0; p < panels; p += 2) two_b16(k, p, x, y);
                            else if (kind == 1) for (int p = 0; p < panels; p += 4) four_b16(k, p, x, y);
                            else if (v == 0) for (int p = 0; p < panels; p += 2) two_i8(k, p, x, y);
                            else for (int p = 0; p < panels; p += 4) four_i8(k, p, x, y);
                        }
                        us = (System.nanoTime() - t0) / 1e3 / n;
                    }
                    sb.append(String.format("%s/%s %.1f  ", kinds[kind], v == 0 ? "two" : "four", 2.0 * rows * k / us / 1e3));
                }
            }
            if (round > 0) System.out.println(sb);
        }
        System.out.println(y[7]);
    }
}
