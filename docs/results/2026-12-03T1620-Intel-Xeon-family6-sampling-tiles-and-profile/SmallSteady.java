package dev.rnn4j.cli;

public class SmallSteady {
    public static void main(String[] args) {
        int h = Integer.parseInt(args[0]), b = Integer.parseInt(args[1]), t = Integer.parseInt(args[2]);
        double secs = Double.parseDouble(args[3]);
        BenchCommand.Workload w = Workloads.charLmTrain("x", 65, h, 2, b, t);
        long start = System.nanoTime(), last = start; int steps = 0;
        StringBuilder sb = new StringBuilder();
        while (System.nanoTime() - start < secs * 1e9) {
            w.once().get(); steps++;
            long now = System.nanoTime();
            if (now - last > 1e9) { sb.append(String.format("%.0f ", steps * (double) b * t / ((now - last) / 1e9))); steps = 0; last = now; }
        }
        System.out.println(sb);
    }
}
