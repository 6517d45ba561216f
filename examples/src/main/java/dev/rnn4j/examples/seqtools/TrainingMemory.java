package dev.rnn4j.examples.seqtools;

import dev.rnn4j.tool.Memory;

import java.util.Locale;

/**
 * The examples' check before work starts, as {@code train} does it: weights, gradients and Adam's two moments
 * per parameter, and the activations saved for backward over batch × steps, against the JVM's heap
 * ({@link Memory#require}). An example calls it before reading its data, so sizes that depend on the data
 * (vocabularies) enter at their cap when there is one.
 *
 * <pre>{@code
 * TrainingMemory.require("a BiGRU of --hidden 64", params, 64, 100, 6 * 64, "--hidden or --batch-size");
 * }</pre>
 */
public final class TrainingMemory {
    private static final int ADAM_SLOTS = 2;

    private TrainingMemory() {}

    /**
     * @param model          the model in the user's flags, e.g. "a BiGRU of --embed 64 x --hidden 64"
     * @param floatsPerStep  activations one position (one sequence step of one batch item) saves for backward
     * @param lower          the flags that make it smaller
     */
    public static void require(String model, long parameters, long batch, long steps, long floatsPerStep,
                               String lower) {
        Memory.require(String.format(Locale.ROOT, "training %s (%,d parameters) with --batch-size %d x %d steps",
                model, parameters, batch, steps),
                Memory.trainingBytes(parameters, ADAM_SLOTS, Memory.times(batch, steps), floatsPerStep), lower);
    }
}
