package dev.rnn4j.cli;

public class LayerSteady {
    public static void main(String[] args) {
        dev.rnn4j.nn.RecurrentKind kind = dev.rnn4j.nn.RecurrentKind.valueOf(args[0]);
        double secs = Double.parseDouble(args[1]);
        BenchCommand.Workload w = Workloads.layer("x", kind, 512, 64, 50);
        long start = System.nanoTime(), last = start; double sum = 0; int n = 0;
        StringBuilder sb = new StringBuilder();
        while (System.nanoTime() - start < secs * 1e9) {
            sum += w.once().get(); n++;
            long now = System.nanoTime();
            if (now - last > 1e9) { sb.append(String.format("%.0f ", sum / n)); sum = 0; n = 0; last = now; }
        }
        System.out.println(sb);
    }
}
