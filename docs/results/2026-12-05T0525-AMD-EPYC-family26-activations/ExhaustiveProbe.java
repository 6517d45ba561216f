package dev.rnn4j.kernel;
import jdk.incubator.vector.*;
public class ExhaustiveProbe {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    public static void main(String[] args) {
        int L = S.length();
        float[] x = new float[1 << 16], s1 = new float[1 << 16], t1 = new float[1 << 16];
        long bad = 0;
        for (long hi = 0; hi < (1L << 16); hi++) {
            for (int lo = 0; lo < (1 << 16); lo++) x[lo] = Float.intBitsToFloat((int) ((hi << 16) | lo));
            for (int j = 0; j < x.length; j += L) {
                FloatVector v = FloatVector.fromArray(S, x, j);
                Activations.sigmoid(v).intoArray(s1, j);
                Activations.tanh(v).intoArray(t1, j);
            }
            for (int j = 0; j < x.length; j++) {
                // the scalar versions keep Math.max/min: the old vector clamp's exact semantics
                if (Float.floatToRawIntBits(s1[j]) != Float.floatToRawIntBits(Activations.sigmoid(x[j]))
                        && !(Float.isNaN(s1[j]) && Float.isNaN(Activations.sigmoid(x[j])))) bad++;
                if (Float.floatToRawIntBits(t1[j]) != Float.floatToRawIntBits(Activations.tanh(x[j]))
                        && !(Float.isNaN(t1[j]) && Float.isNaN(Activations.tanh(x[j])))) bad++;
            }
        }
        System.out.println("all 2^32 inputs: vector vs scalar mismatches " + bad);
    }
}
