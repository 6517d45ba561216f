import jdk.incubator.vector.*;

public class Int8Probe {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length(), P = 2 * L;
    static final VectorSpecies<Byte> BYTES = VectorSpecies.of(byte.class, VectorShape.forBitSize(8 * L));
    static byte[] q;

    static FloatVector at(int i) {
        return (FloatVector) ByteVector.fromArray(BYTES, q, i).convertShape(VectorOperators.B2F, S, 0);
    }

    // current: two panels, 4 chains
    static void two(int k, int p, float[] x, float[] y) {
        int o = p * k * P, o2 = o + k * P;
        FloatVector a = FloatVector.zero(S), c = a, d = a, e = a;
        for (int j = 0; j < k; j++) {
            int i = o + j * P, i2 = o2 + j * P;
            FloatVector v = FloatVector.broadcast(S, x[j]);
            a = v.fma(at(i), a);
            c = v.fma(at(i + L), c);
            d = v.fma(at(i2), d);
            e = v.fma(at(i2 + L), e);
        }
        a.add(FloatVector.fromArray(S, y, p * P)).intoArray(y, p * P);
        c.add(FloatVector.fromArray(S, y, p * P + L)).intoArray(y, p * P + L);
        d.add(FloatVector.fromArray(S, y, p * P + P)).intoArray(y, p * P + P);
        e.add(FloatVector.fromArray(S, y, p * P + P + L)).intoArray(y, p * P + P + L);
    }

    // four panels, 8 chains
    static void four(int k, int p, float[] x, float[] y) {
        int o = p * k * P, kp = k * P;
        FloatVector a = FloatVector.zero(S), b = a, c = a, d = a, e = a, f = a, g = a, h = a;
        for (int j = 0; j < k; j++) {
            int i = o + j * P;
            FloatVector v = FloatVector.broadcast(S, x[j]);
            a = v.fma(at(i), a);
            b = v.fma(at(i + L), b);
            c = v.fma(at(i + kp), c);
            d = v.fma(at(i + kp + L), d);
            e = v.fma(at(i + 2 * kp), e);
            f = v.fma(at(i + 2 * kp + L), f);
            g = v.fma(at(i + 3 * kp), g);
            h = v.fma(at(i + 3 * kp + L), h);
        }
        int yo = p * P;
        a.add(FloatVector.fromArray(S, y, yo)).intoArray(y, yo);
        b.add(FloatVector.fromArray(S, y, yo + L)).intoArray(y, yo + L);
        c.add(FloatVector.fromArray(S, y, yo + P)).intoArray(y, yo + P);
        d.add(FloatVector.fromArray(S, y, yo + P + L)).intoArray(y, yo + P + L);
        e.add(FloatVector.fromArray(S, y, yo + 2 * P)).intoArray(y, yo + 2 * P);
        f.add(FloatVector.fromArray(S, y, yo + 2 * P + L)).intoArray(y, yo + 2 * P + L);
        g.add(FloatVector.fromArray(S, y, yo + 3 * P)).intoArray(y, yo + 3 * P);
        h.add(FloatVector.fromArray(S, y, yo + 3 * P + L)).intoArray(y, yo + 3 * P + L);
    }

    // two panels, k unrolled by 4 by hand (same chain order)
    static void twoU4(int k, int p, float[] x, float[] y) {
        int o = p * k * P, o2 = o + k * P;
        FloatVector a = FloatVector.zero(S), c = a, d = a, e = a;
        int j = 0;
        for (; j + 4 <= k; j += 4) {
            int i = o + j * P, i2 = o2 + j * P;
            FloatVector v = FloatVector.broadcast(S, x[j]);
            a = v.fma(at(i), a); c = v.fma(at(i + L), c); d = v.fma(at(i2), d); e = v.fma(at(i2 + L), e);
            v = FloatVector.broadcast(S, x[j + 1]); i += P; i2 += P;
            a = v.fma(at(i), a); c = v.fma(at(i + L), c); d = v.fma(at(i2), d); e = v.fma(at(i2 + L), e);
            v = FloatVector.broadcast(S, x[j + 2]); i += P; i2 += P;
            a = v.fma(at(i), a); c = v.fma(at(i + L), c); d = v.fma(at(i2), d); e = v.fma(at(i2 + L), e);
            v = FloatVector.broadcast(S, x[j + 3]); i += P; i2 += P;
            a = v.fma(at(i), a); c = v.fma(at(i + L), c); d = v.fma(at(i2), d); e = v.fma(at(i2 + L), e);
        }
        for (; j < k; j++) {
            int i = o + j * P, i2 = o2 + j * P;
            FloatVector v = FloatVector.broadcast(S, x[j]);
            a = v.fma(at(i), a); c = v.fma(at(i + L), c); d = v.fma(at(i2), d); e = v.fma(at(i2 + L), e);
        }
        a.add(FloatVector.fromArray(S, y, p * P)).intoArray(y, p * P);
        c.add(FloatVector.fromArray(S, y, p * P + L)).intoArray(y, p * P + L);
        d.add(FloatVector.fromArray(S, y, p * P + P)).intoArray(y, p * P + P);
        e.add(FloatVector.fromArray(S, y, p * P + P + L)).intoArray(y, p * P + P + L);
    }

    public static void main(String[] args) {
        int rows = 2048, k = 512, panels = rows / P;
        q = new byte[rows * k];
        java.util.Random r = new java.util.Random(1);
        r.nextBytes(q);
        float[] x = new float[k], y = new float[rows];
        for (int i = 0; i < k; i++) x[i] = (float) r.nextGaussian();
        String[] names = {"two", "four", "twoU4"};
        for (int round = 0; round < 6; round++) {
            for (int v = 0; v < 3; v++) {
                int n = 2000;
                for (int rep = 0; rep < 2; rep++) {
                    long t0 = System.nanoTime();
                    for (int it = 0; it < n; it++) {
                        if (v == 0) for (int p = 0; p < panels; p += 2) two(k, p, x, y);
                        else if (v == 1) for (int p = 0; p < panels; p += 4) four(k, p, x, y);
                        else for (int p = 0; p < panels; p += 2) twoU4(k, p, x, y);
                    }
                    double us = (System.nanoTime() - t0) / 1e3 / n;
                    if (rep == 1 && round > 0) System.out.printf("%-6s %.1f us  %.1f GFLOP/s%n", names[v], us, 2.0 * rows * k / us / 1e3);
                }
            }
        }
        System.out.println(y[7]);
    }
}
