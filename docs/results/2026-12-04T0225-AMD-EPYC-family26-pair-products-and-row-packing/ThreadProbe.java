package dev.rnn4j.kernel;

import java.nio.file.*;
import java.util.*;
import java.util.concurrent.ConcurrentHashMap;

public class ThreadProbe {
    static String stat() {
        try {
            String s = Files.readString(Path.of("/proc/thread-self/stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            String st = Files.readString(Path.of("/proc/thread-self/status"));
            String vol = "", inv = "";
            for (String line : st.split("\n")) {
                if (line.startsWith("voluntary_ctxt_switches")) vol = line.split("\\s+")[1];
                if (line.startsWith("nonvoluntary_ctxt_switches")) inv = line.split("\\s+")[1];
            }
            return "cpu" + f[36] + " v" + vol + " nv" + inv;
        } catch (Exception e) { return "?"; }
    }
    public static void main(String[] args) {
        int n = 2048;
        float[] a = new float[n * n], b = new float[n * n], c = new float[n * n];
        Random r = new Random(1);
        for (int i = 0; i < a.length; i++) { a[i] = r.nextFloat(); b[i] = r.nextFloat(); }
        PackedMatrix pb = new PackedMatrix();
        pb.pack(false, n, n, b, 0, n);
        int rt = n / GemmMicroKernel.MR;
        int tasks = 8;
        for (int round = 0; round < 10; round++) {
            Map<String, long[]> busy = new ConcurrentHashMap<>();
            long total = 0;
            int reps = 10;
            for (int i = 0; i < reps; i++) {
                long t0 = System.nanoTime();
                KernelPool.parallelFor(tasks, t -> {
                    long s = System.nanoTime();
                    GemmBlocked.multiplyPacked(false, t * rt / tasks * GemmMicroKernel.MR,
                        (t + 1) * rt / tasks * GemmMicroKernel.MR, 0, n, a, 0, n, pb, 0f, c, 0, n, null);
                    long e = System.nanoTime();
                    long[] v = busy.computeIfAbsent(Thread.currentThread().getName(), k -> new long[2]);
                    synchronized (v) { v[0] += e - s; v[1]++; }
                });
                total += System.nanoTime() - t0;
            }
            StringBuilder sb = new StringBuilder();
            sb.append(String.format("total %.1f GF/s |", 2.0 * n * n * n * reps / total));
            for (var en : new TreeMap<>(busy).entrySet()) {
                long[] v = en.getValue();
                sb.append(String.format(" %s tasks %d busy %.0f%% rate %.1f GF/s;", en.getKey(), v[1], 100.0 * v[0] / total,
                    2.0 * n * n * n / tasks * v[1] / v[0]));
            }
            String[] ws = new String[1];
            KernelPool.parallelFor(2, t -> { if (Thread.currentThread().getName().startsWith("rnn4j")) ws[0] = stat(); });
            sb.append(" main ").append(stat()).append(" worker ").append(ws[0]);
            System.out.println(sb);
        }
    }
}
