import jdk.incubator.vector.*;

public class ReciprocalProbe {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int MAGIC = 0x7EF311C3;
    static FloatVector rcp(FloatVector d) {
        IntVector bits = d.reinterpretAsInts();
        FloatVector one = FloatVector.broadcast(S, 1f), nd = d.neg();
        FloatVector y = bits.neg().add(MAGIC).reinterpretAsFloats();
        y = y.fma(nd.fma(y, one), y);
        y = y.fma(nd.fma(y, one), y);
        y = y.fma(nd.fma(y, one), y);
        y = y.fma(nd.fma(y, one), y);
        // mantissa all ones: the last step lands one ulp low (Markstein's exception)
        VectorMask<Integer> allOnes = bits.and(0x7FFFFF).eq(0x7FFFFF);
        return y.reinterpretAsInts().add(1, allOnes).reinterpretAsFloats();
    }
    public static void main(String[] a) {
        long bad = 0;
        float[] ds = new float[1 << 23], out = new float[ds.length];
        for (int ex : new int[]{127, 150, 253}) {
            for (int m = 0; m < (1 << 23); m++) ds[m] = Float.intBitsToFloat((ex << 23) | m);
            for (int i = 0; i < ds.length; i += S.length()) rcp(FloatVector.fromArray(S, ds, i)).intoArray(out, i);
            for (int i = 0; i < ds.length; i++) if (out[i] != 1f / ds[i]) { bad++; if (bad < 5) System.out.println("bad ex " + ex + " " + ds[i] + " " + out[i] + " " + 1f / ds[i]); }
        }
        System.out.println("bad " + bad);
        float[] small = new float[4096], o2 = new float[4096];
        java.util.Random rnd = new java.util.Random(1);
        for (int i = 0; i < small.length; i++) small[i] = 1f + (float) Math.exp(rnd.nextDouble() * 80);
        for (int round = 0; round < 8; round++) {
            int reps = 5000;
            long t0 = System.nanoTime();
            for (int rep = 0; rep < reps; rep++)
                for (int i = 0; i < small.length; i += S.length()) FloatVector.broadcast(S, 1f).div(FloatVector.fromArray(S, small, i)).intoArray(o2, i);
            long t1 = System.nanoTime();
            for (int rep = 0; rep < reps; rep++)
                for (int i = 0; i < small.length; i += S.length()) rcp(FloatVector.fromArray(S, small, i)).intoArray(o2, i);
            long t2 = System.nanoTime();
            System.out.printf("div %.3f ns/elem, rcp %.3f ns/elem%n", (t1 - t0) / (double) reps / small.length, (t2 - t1) / (double) reps / small.length);
        }
    }
}
