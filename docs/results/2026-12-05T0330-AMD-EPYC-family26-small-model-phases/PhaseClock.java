package dev.rnn4j.kernel;
public final class PhaseClock {
    public static final long[] T = new long[32];
    public static final long[] N = new long[32];
    public static final String[] NAME = new String[32];
    public static long now() { return System.nanoTime(); }
    public static void add(int id, String name, long start) { T[id] += System.nanoTime() - start; N[id]++; NAME[id] = name; }
    public static void reset() { java.util.Arrays.fill(T, 0); java.util.Arrays.fill(N, 0); }
    public static String report() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 32; i++) if (N[i] > 0) sb.append(String.format("%2d %-22s %10.3f ms/call-sum %8d%n", i, NAME[i], T[i] / 1e6 / N[0], N[i]));
        return sb.toString();
    }
}
