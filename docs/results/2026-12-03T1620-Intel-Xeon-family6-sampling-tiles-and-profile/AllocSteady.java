package dev.rnn4j.cli;

public class AllocSteady {
    public static void main(String[] args) {
        int h = Integer.parseInt(args[0]), b = Integer.parseInt(args[1]), t = Integer.parseInt(args[2]);
        double secs = Double.parseDouble(args[3]);
        BenchCommand.Workload w = Workloads.allocationPerStep("x", 65, h, 2, b, t);
        long start = System.nanoTime();
        java.util.List<Double> last = new java.util.ArrayList<>();
        while (System.nanoTime() - start < secs * 1e9) last.add(w.once().get());
        java.util.List<Double> tail = new java.util.ArrayList<>(last.subList(last.size() - 20, last.size()));
        java.util.Collections.sort(tail);
        System.out.printf("steps %d, steady alloc/step median %.0f min %.0f max %.0f%n", last.size(), tail.get(10), tail.get(0), tail.get(19));
    }
}
