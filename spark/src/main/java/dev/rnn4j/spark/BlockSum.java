package dev.rnn4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The {@link TreeSum} of a block of consecutive partitions' parts of a step: their gradient and loss added, and
 * every partition's carried state (without its gradient), in partition order.
 *
 * @param gradient null if every partition of the block is empty
 */
record BlockSum(int block, float[] gradient, Double loss, long slowestComputeNanos, List<ShardGradient> states)
        implements Serializable {
    /** Adds {@code parts} (any order: they are put in partition order first) as {@link TreeSum} does. */
    static BlockSum of(int block, Iterable<ShardGradient> parts) {
        List<ShardGradient> sorted = new ArrayList<>();
        parts.forEach(sorted::add);
        sorted.sort(Comparator.comparingInt(ShardGradient::partition));
        List<float[]> gradients = new ArrayList<>(sorted.size());
        List<Double> losses = new ArrayList<>(sorted.size());
        List<ShardGradient> states = new ArrayList<>(sorted.size());
        long slowest = 0;
        for (ShardGradient g : sorted) {
            boolean empty = g.streams() == 0;
            gradients.add(empty ? null : g.gradient());
            losses.add(empty ? null : g.loss());
            states.add(g.withoutGradient());
            slowest = Math.max(slowest, g.computeNanos());
        }
        return new BlockSum(block, TreeSum.of(gradients, TreeSum::add), TreeSum.of(losses, Double::sum), slowest,
                states);
    }
}
