package dev.rnn4j.kernel;
import java.util.Random;
import jdk.incubator.vector.*;
public class RecipProbe {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final float LOG2E = 1.44269504088896341f, ROUND = 0x1.8p23f;
    static final int ROUND_BITS = Float.floatToRawIntBits(ROUND);
    static final float L_HI = 0.693359375f, L_LO = -2.12194440e-4f;
    static final float P0 = 5.0000001201e-1f, P1 = 1.6666665459e-1f, P2 = 4.1665795894e-2f,
            P3 = 8.3334519073e-3f, P4 = 1.3981999507e-3f, P5 = 1.9875691500e-4f;
    static FloatVector exp(FloatVector x) {
        x = x.max(-87f).min(88f);
        FloatVector t = x.fma(LOG2E, ROUND);
        FloatVector n = t.sub(ROUND);
        FloatVector r = n.lanewise(VectorOperators.FMA, -L_LO, n.lanewise(VectorOperators.FMA, -L_HI, x));
        FloatVector p = r.fma(P5, P4).lanewise(VectorOperators.FMA, r, P3).lanewise(VectorOperators.FMA, r, P2).lanewise(VectorOperators.FMA, r, P1)
                .lanewise(VectorOperators.FMA, r, P0);
        FloatVector er = r.mul(r).fma(p, r).add(1f);
        FloatVector scale = t.reinterpretAsInts().sub(ROUND_BITS - 127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return er.mul(scale);
    }
    static FloatVector expBlend(FloatVector x) {
        x = x.blend(-87f, x.lt(-87f)).blend(88f, x.compare(VectorOperators.GT, 88f));
        FloatVector t = x.fma(LOG2E, ROUND);
        FloatVector n = t.sub(ROUND);
        FloatVector r = n.lanewise(VectorOperators.FMA, -L_LO, n.lanewise(VectorOperators.FMA, -L_HI, x));
        FloatVector p = r.fma(P5, P4).lanewise(VectorOperators.FMA, r, P3).lanewise(VectorOperators.FMA, r, P2).lanewise(VectorOperators.FMA, r, P1)
                .lanewise(VectorOperators.FMA, r, P0);
        FloatVector er = r.mul(r).fma(p, r).add(1f);
        FloatVector scale = t.reinterpretAsInts().sub(ROUND_BITS - 127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return er.mul(scale);
    }
    static FloatVector expNoClamp(FloatVector x) {
        FloatVector t = x.fma(LOG2E, ROUND);
        FloatVector n = t.sub(ROUND);
        FloatVector r = n.lanewise(VectorOperators.FMA, -L_LO, n.lanewise(VectorOperators.FMA, -L_HI, x));
        FloatVector p = r.fma(P5, P4).lanewise(VectorOperators.FMA, r, P3).lanewise(VectorOperators.FMA, r, P2).lanewise(VectorOperators.FMA, r, P1)
                .lanewise(VectorOperators.FMA, r, P0);
        FloatVector er = r.mul(r).fma(p, r).add(1f);
        FloatVector scale = t.reinterpretAsInts().sub(ROUND_BITS - 127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return er.mul(scale);
    }
    static final FloatVector V_LOG2E = FloatVector.broadcast(S, LOG2E), V_ROUND = FloatVector.broadcast(S, ROUND),
        V_NLHI = FloatVector.broadcast(S, -L_HI), V_NLLO = FloatVector.broadcast(S, -L_LO), V_P0 = FloatVector.broadcast(S, P0),
        V_P1 = FloatVector.broadcast(S, P1), V_P2 = FloatVector.broadcast(S, P2), V_P3 = FloatVector.broadcast(S, P3),
        V_P4 = FloatVector.broadcast(S, P4), V_P5 = FloatVector.broadcast(S, P5), V_ONE = FloatVector.broadcast(S, 1f),
        V_LO = FloatVector.broadcast(S, -87f), V_HI = FloatVector.broadcast(S, 88f);
    static FloatVector expC(FloatVector x) {
        x = x.blend(V_LO, x.lt(V_LO)).blend(V_HI, x.compare(VectorOperators.GT, V_HI));
        FloatVector t = x.fma(V_LOG2E, V_ROUND);
        FloatVector n = t.sub(V_ROUND);
        FloatVector r = n.fma(V_NLLO, n.fma(V_NLHI, x));
        FloatVector p = r.fma(V_P5, V_P4).fma(r, V_P3).fma(r, V_P2).fma(r, V_P1).fma(r, V_P0);
        FloatVector er = r.mul(r).fma(p, r).add(V_ONE);
        FloatVector scale = t.reinterpretAsInts().sub(ROUND_BITS - 127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return er.mul(scale);
    }
    static void expCC(float[] x, int n) {
        for (int j = 0; j < n; j += S.length()) expC(FloatVector.fromArray(S, x, j).neg()).intoArray(x, j);
    }
    static void expHoisted(float[] x, int n) {
        FloatVector lo = FloatVector.broadcast(S, -87f), hi = FloatVector.broadcast(S, 88f), l2e = FloatVector.broadcast(S, LOG2E),
            rnd = FloatVector.broadcast(S, ROUND), nlhi = FloatVector.broadcast(S, -L_HI), nllo = FloatVector.broadcast(S, -L_LO),
            p0 = FloatVector.broadcast(S, P0), p1 = FloatVector.broadcast(S, P1), p2 = FloatVector.broadcast(S, P2),
            p3 = FloatVector.broadcast(S, P3), p4 = FloatVector.broadcast(S, P4), p5 = FloatVector.broadcast(S, P5),
            one = FloatVector.broadcast(S, 1f);
        IntVector bias = IntVector.broadcast(IntVector.SPECIES_PREFERRED, ROUND_BITS - 127);
        for (int j = 0; j < n; j += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, j).neg();
            v = v.blend(lo, v.lt(lo)).blend(hi, v.compare(VectorOperators.GT, hi));
            FloatVector t = v.fma(l2e, rnd);
            FloatVector nn = t.sub(rnd);
            FloatVector r = nn.fma(nllo, nn.fma(nlhi, v));
            FloatVector p = r.fma(p5, p4).fma(r, p3).fma(r, p2).fma(r, p1).fma(r, p0);
            FloatVector er = r.mul(r).fma(p, r).add(one);
            FloatVector scale = t.reinterpretAsInts().sub(bias).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            er.mul(scale).intoArray(x, j);
        }
    }
    static void expB(float[] x, int n) {
        for (int j = 0; j < n; j += S.length()) expBlend(FloatVector.fromArray(S, x, j).neg()).intoArray(x, j);
    }
    static void expN(float[] x, int n) {
        for (int j = 0; j < n; j += S.length()) expNoClamp(FloatVector.fromArray(S, x, j).neg()).intoArray(x, j);
    }
    static void sigB(float[] x, int n) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int j = 0; j < n; j += S.length()) {
            FloatVector a = FloatVector.fromArray(S, x, j);
            one.div(expBlend(a.neg()).add(1f)).blend(0f, a.lt(-88f)).intoArray(x, j);
        }
    }
    static void sigDiv(float[] x, int n) {
        for (int j = 0; j < n; j += S.length()) Activations.sigmoid(FloatVector.fromArray(S, x, j)).intoArray(x, j);
    }
    static void expOnly(float[] x, int n) {
        for (int j = 0; j < n; j += S.length()) exp(FloatVector.fromArray(S, x, j).neg()).intoArray(x, j);
    }
    static void divOnly(float[] x, int n) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int j = 0; j < n; j += S.length()) one.div(FloatVector.fromArray(S, x, j).add(1f)).intoArray(x, j);
    }
    static void recipNR(float[] x, int n) {
        for (int j = 0; j < n; j += S.length()) {
            FloatVector d = FloatVector.fromArray(S, x, j).add(1f);
            FloatVector y = IntVector.broadcast(IntVector.SPECIES_PREFERRED, 0x7EF311C3).sub(d.reinterpretAsInts()).reinterpretAsFloats();
            // y = y (2 - d y), as e = 1 - d y; y = y + y e
            for (int it = 0; it < 3; it++) { FloatVector e = d.neg().fma(y, FloatVector.broadcast(S, 1f)); y = y.fma(e, y); }
            y.intoArray(x, j);
        }
    }
    static void sigNR(float[] x, int n) {
        for (int j = 0; j < n; j += S.length()) {
            FloatVector a = FloatVector.fromArray(S, x, j);
            FloatVector d = exp(a.neg()).add(1f);
            FloatVector y = IntVector.broadcast(IntVector.SPECIES_PREFERRED, 0x7EF311C3).sub(d.reinterpretAsInts()).reinterpretAsFloats();
            for (int it = 0; it < 3; it++) { FloatVector e = d.neg().fma(y, FloatVector.broadcast(S, 1f)); y = y.fma(e, y); }
            y.blend(0f, a.lt(-88f)).intoArray(x, j);
        }
    }
    interface F { void run(float[] x, int n); }
    public static void main(String[] args) {
        int n = 4096, L = S.length();
        Random r = new Random(1);
        float[] src = new float[n]; for (int i = 0; i < n; i++) src[i] = (float) r.nextGaussian() * 2;
        float[] x = src.clone();
        String[] names = {"copy", "sigDiv", "expB", "expHoisted", "expN", "divOnly"};
        F[] fs = {(a, m) -> {}, RecipProbe::sigDiv, RecipProbe::expB, RecipProbe::expHoisted, RecipProbe::expN, RecipProbe::divOnly};
        for (int round = 0; round < 4; round++) {
            StringBuilder sb = new StringBuilder();
            double base = 0;
            for (int f = 0; f < fs.length; f++) {
                int reps = 20000;
                long s = System.nanoTime();
                for (int i = 0; i < reps; i++) { System.arraycopy(src, 0, x, 0, n); fs[f].run(x, n); }
                double ns = (System.nanoTime() - s) / (double) reps / (n / L);
                if (f == 0) base = ns;
                sb.append(String.format("%s %.2f  ", names[f], f == 0 ? ns : ns - base));
            }
            System.out.println("ns/vector: " + sb);
        }
        // accuracy of NR recip vs division
        int worst = 0; long diff = 0;
        for (int i = 0; i < 1 << 20; i++) {
            float d = 1f + r.nextFloat() * 1000f;
            float y = Float.intBitsToFloat(0x7EF311C3 - Float.floatToRawIntBits(d));
            for (int it = 0; it < 3; it++) { float e = Math.fma(-d, y, 1f); y = Math.fma(y, e, y); }
            int u = Math.abs(Float.floatToRawIntBits(y) - Float.floatToRawIntBits(1f / d));
            worst = Math.max(worst, u); if (u != 0) diff++;
        }
        System.out.println("NR recip: worst ulp " + worst + ", differing " + diff + " of " + (1 << 20));
    }
}
