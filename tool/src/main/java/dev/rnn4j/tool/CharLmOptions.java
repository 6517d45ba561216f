package dev.rnn4j.tool;

import dev.rnn4j.lm.CharLmCheckpoint;
import dev.rnn4j.lm.CharLmConfig;
import dev.rnn4j.lm.Optimizers;
import dev.rnn4j.lm.TrainConfig;
import dev.rnn4j.nn.RecurrentKind;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The flags that describe a character language model and its training recipe, shared by {@code train} and
 * {@code spark train} as a picocli mixin, with what both do with them: check them, build the model's and the
 * run's config, and on {@code --resume} refuse a flag that would change the run.
 *
 * <pre>{@code
 * @Mixin CharLmOptions options = new CharLmOptions();
 * @Mixin RunLimits limits = new RunLimits();
 * options.check(limits);
 * options.checkSchedule(resume != null, limits);
 * TrainConfig config = options.trainConfig(limits);
 * CharLanguageModel model = new CharLanguageModel(options.modelConfig(vocabulary.size()));
 * }</pre>
 */
public final class CharLmOptions {
    @Option(names = "--cell", defaultValue = "lstm", description = "lstm, gru or rnn (default: ${DEFAULT-VALUE})")
    String cell;
    @Option(names = "--hidden", defaultValue = "256", description = "hidden size (default: ${DEFAULT-VALUE})")
    int hidden;
    @Option(names = "--embedding-size", paramLabel = "E",
            description = "width of the character embeddings (default: the hidden size)")
    Integer embeddingSize;
    @Option(names = "--proj-size", paramLabel = "P", defaultValue = "0",
            description = "lstm only: project h to this size, below --hidden, as PyTorch's proj_size; "
                    + "0 = none (default: ${DEFAULT-VALUE})")
    int projSize;
    @Option(names = "--layers", defaultValue = "1", description = "recurrent layers (default: ${DEFAULT-VALUE})")
    int layers;
    @Option(names = "--dropout", defaultValue = "0.1", description = "dropout between recurrent layers and before the "
            + "output layer, in [0, 1) (default: ${DEFAULT-VALUE})")
    double dropout;
    @Option(names = "--dropout-mode", defaultValue = "standard", description = "standard (a fresh --dropout mask "
            + "for every element, as PyTorch) or locked (variational: one mask per stream and feature per batch, "
            + "the same at every time step) (default: ${DEFAULT-VALUE})")
    String dropoutMode;
    @Option(names = "--weight-drop", paramLabel = "P", defaultValue = "0", description = "DropConnect on the "
            + "hidden-to-hidden weights (weight_hh_l*): each zeroed with probability P, one mask per batch, "
            + "in [0, 1) (default: ${DEFAULT-VALUE})")
    double weightDrop;
    @Option(names = "--tie-weights", description = "the output layer's weight is the embedding matrix; needs "
            + "--embedding-size equal to --hidden (or to --proj-size)")
    boolean tieWeights;
    @Option(names = "--seq-length", defaultValue = "50",
            description = "characters per BPTT chunk (default: ${DEFAULT-VALUE})")
    int seqLength;
    @Option(names = "--batch-size", defaultValue = "64", description = "parallel streams (default: ${DEFAULT-VALUE})")
    int batchSize;
    @Option(names = "--optimizer", defaultValue = "adam",
            description = "adam, adamw, rmsprop, adagrad or sgd (default: ${DEFAULT-VALUE})")
    String optimizer;
    @Option(names = "--lr", defaultValue = "6e-3", description = "learning rate (default: ${DEFAULT-VALUE})")
    double lr;
    @Option(names = "--lr-decay", defaultValue = "0.9", description = "multiply the learning rate by this every epoch "
            + "after --lr-decay-after; not applied with --lr-schedule cosine unless given; with --lr-schedule "
            + "plateau, the factor at each plateau instead (default there: 0.5) (default: ${DEFAULT-VALUE})")
    double lrDecay;
    @Option(names = "--lr-decay-after", defaultValue = "2",
            description = "epoch at which decay starts (default: ${DEFAULT-VALUE})")
    int lrDecayAfter;
    @Option(names = "--lr-schedule", defaultValue = "step", description = "step (--lr, times --lr-decay per epoch), "
            + "cosine (from --lr down to --min-lr over the run's steps, as PyTorch's CosineAnnealingLR, or over its "
            + "--time-limit when no step or epoch limit is set) or plateau (--lr, times --lr-decay whenever "
            + "--plateau-patience + 1 validations in a row bring no lower loss, down to --min-lr, as PyTorch's "
            + "ReduceLROnPlateau) "
            + "(default: ${DEFAULT-VALUE})")
    String lrSchedule;
    @Option(names = "--min-lr", defaultValue = "0",
            description = "where --lr-schedule cosine ends, or plateau's floor (default: ${DEFAULT-VALUE})")
    double minLr;
    @Option(names = "--plateau-patience", paramLabel = "N", defaultValue = "2", description = "--lr-schedule "
            + "plateau: validations without a lower loss to let pass before reducing the rate (PyTorch's patience) "
            + "(default: ${DEFAULT-VALUE})")
    int plateauPatience;
    @Option(names = "--warmup", paramLabel = "N", defaultValue = "0",
            description = "raise the learning rate linearly over the first N steps (default: ${DEFAULT-VALUE})")
    long warmup;
    @Option(names = "--weight-decay",
            description = "the optimizer's weight decay (default: PyTorch's, 0.01 for adamw, 0 for the others)")
    Double weightDecay;
    @Option(names = "--ema", paramLabel = "DECAY", defaultValue = "0.99", description = "validate, save and sample "
            + "an exponential moving average of the weights, updated after every step with this decay (Keras's "
            + "ema_momentum; warmed up as TensorFlow's ExponentialMovingAverage), 0 = off (default: ${DEFAULT-VALUE})")
    double ema;
    @Option(names = "--grad-clip", defaultValue = "5",
            description = "clip the gradient norm to this, 0 = off (default: ${DEFAULT-VALUE})")
    double gradClip;
    @Option(names = "--val-frac", defaultValue = "0.05",
            description = "fraction of the text held out for validation (default: ${DEFAULT-VALUE})")
    double valFrac;
    @Option(names = "--eval-every", defaultValue = "200",
            description = "validate every N steps, 0 = every epoch (default: ${DEFAULT-VALUE})")
    int evalEvery;
    @Option(names = "--checkpoint-every", defaultValue = "0",
            description = "checkpoint every N steps, 0 = at each validation (default: ${DEFAULT-VALUE})")
    int checkpointEvery;
    @Option(names = "--patience", paramLabel = "N", defaultValue = "0", description = "stop once N validations in a "
            + "row bring no lower validation loss (early stopping; the best checkpoint stays), 0 = off "
            + "(default: ${DEFAULT-VALUE})")
    int patience;
    @Option(names = "--keep-all",
            description = "keep every checkpoint, not only latest and best (for ./rnn4j average)")
    boolean keepAll;
    @Option(names = "--seed", defaultValue = "42",
            description = "seed for initialisation and dropout (default: ${DEFAULT-VALUE})")
    long seed;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    public String cell() { return cell.toLowerCase(Locale.ROOT); }

    public int hidden() { return hidden; }

    /** {@code --dropout-mode} in lower case. */
    public String dropoutMode() { return dropoutMode.toLowerCase(Locale.ROOT); }

    public int layers() { return layers; }

    public boolean keepAll() { return keepAll; }

    /** Every flag in its range, named with its value, before anything is read or written. */
    public void check(RunLimits limits) {
        Flags.oneOf("--cell", cell, List.of("lstm", "gru", "rnn"));
        Flags.oneOf("--optimizer", optimizer, Optimizers.NAMES);
        Flags.atLeast("--hidden", hidden, 1);
        Flags.atLeast("--layers", layers, 1);
        if (embeddingSize != null) Flags.atLeast("--embedding-size", embeddingSize, 1);
        Flags.atLeast("--proj-size", projSize, 0);
        Flags.inRange("--dropout", dropout, 0, true, 1, false);
        Flags.oneOf("--dropout-mode", dropoutMode, List.of("standard", "locked"));
        Flags.inRange("--weight-drop", weightDrop, 0, true, 1, false);
        Flags.atLeast("--seq-length", seqLength, 1);
        Flags.atLeast("--batch-size", batchSize, 1);
        Flags.positive("--lr", lr);
        Flags.inRange("--lr-decay", lrDecay, 0, false, 1, true);
        Flags.atLeast("--lr-decay-after", lrDecayAfter, 0);
        Flags.oneOf("--lr-schedule", lrSchedule, TrainConfig.Schedule.NAMES);
        Flags.inRange("--min-lr", minLr, 0, true, Double.POSITIVE_INFINITY, false);
        Flags.atLeast("--warmup", warmup, 0);
        Flags.atLeast("--plateau-patience", plateauPatience, 0);
        Flags.inRange("--ema", ema, 0, true, 1, false);
        if (weightDecay != null) Flags.inRange("--weight-decay", weightDecay, 0, true, Double.POSITIVE_INFINITY, false);
        Flags.inRange("--grad-clip", gradClip, 0, true, Double.POSITIVE_INFINITY, false);
        Flags.atLeast("--max-epochs", limits.maxEpochs(), 0);
        Flags.atLeast("--max-steps", limits.maxSteps(), 0);
        Flags.inRange("--val-frac", valFrac, 0, false, 0.5, false);
        Flags.atLeast("--eval-every", evalEvery, 0);
        Flags.atLeast("--checkpoint-every", checkpointEvery, 0);
        Flags.atLeast("--patience", patience, 0);
    }

    /**
     * The flags that only make sense together, checked after {@link #check} and the command's own flags:
     * cosine needs the run's length, {@code --min-lr} needs cosine ({@code resuming}: the run keeps its own).
     */
    public void checkSchedule(boolean resuming, RunLimits limits) {
        limits.check();
        boolean cosine = lrSchedule.equalsIgnoreCase("cosine");
        if (!resuming && cosine && limits.unbounded()) {
            throw new UserError("--lr-schedule cosine anneals over the whole run, so it needs the run's length: "
                    + "set --max-epochs, --max-steps or a --time-limit other than 0");
        }
        if (!resuming && dropoutMode().equals("locked") && dropout == 0) {
            throw new UserError("--dropout-mode locked says how --dropout draws its masks, but --dropout is 0: "
                    + "add --dropout P, or drop --dropout-mode");
        }
        boolean plateau = lrSchedule.equalsIgnoreCase("plateau");
        if (!resuming && !cosine && !plateau && given("--min-lr")) {
            throw new UserError("--min-lr is where --lr-schedule cosine ends (or plateau's floor); add --lr-schedule "
                    + "cosine or plateau, or drop --min-lr");
        }
        if (!resuming && !plateau && given("--plateau-patience")) {
            throw new UserError("--plateau-patience is for --lr-schedule plateau; add it, or drop --plateau-patience");
        }
        if (!resuming && plateau && lrDecay() >= 1) {
            throw new UserError("with --lr-schedule plateau, --lr-decay is the factor the rate is multiplied by at "
                    + "each plateau, so it must be below 1, got " + Flags.number(lrDecay()));
        }
    }

    /** The recurrent cell {@code --cell} names. */
    public RecurrentKind kind() {
        return switch (cell()) {
            case "lstm" -> RecurrentKind.LSTM;
            case "gru" -> RecurrentKind.GRU;
            case "rnn" -> RecurrentKind.RNN;
            default -> throw new UserError("unknown --cell '" + cell + "': use lstm, gru or rnn");
        };
    }

    /** The model the flags describe; the config names what is wrong (proj size of a GRU, ...) as one line. */
    public CharLmConfig modelConfig(int vocabSize) {
        CharLmConfig c = new CharLmConfig(kind(), vocabSize, hidden, layers, (float) dropout, seed);
        try {
            if (embeddingSize != null) c = c.withEmbeddingSize(embeddingSize);
            if (projSize > 0) c = c.withProjSize(projSize);
            if (tieWeights && c.embeddingSize() != c.outputSize()) {
                String out = projSize > 0 ? "--proj-size" : "--hidden";
                throw new UserError("--tie-weights makes the output layer's weight the embedding matrix, so the "
                        + "embedding size must equal the recurrent output size (" + out + "), but the embedding "
                        + "size is " + c.embeddingSize() + (embeddingSize == null ? " (--hidden)" : "") + " and "
                        + out + " is " + c.outputSize() + ": add --embedding-size " + c.outputSize());
            }
            return c.withRegularization(new CharLmConfig.Regularization(tieWeights,
                    CharLmConfig.DropoutMode.valueOf(dropoutMode().toUpperCase(Locale.ROOT)), (float) weightDrop));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage().replace("proj size", "--proj-size").replace("hidden size", "--hidden"));
        }
    }

    /**
     * The per-epoch decay: the flag's value, except that a cosine schedule, which already anneals over the run,
     * is not multiplied by the default decay on top; {@code --lr-decay} given explicitly applies to both.
     */
    double lrDecay() {
        if (given("--lr-decay")) return lrDecay;
        return lrSchedule.equalsIgnoreCase("cosine") ? 1.0 : lrSchedule.equalsIgnoreCase("plateau") ? 0.5 : lrDecay;
    }

    /** A new run's recipe: the flags, and a time limit of {@code whenUnset} when {@code limits} set none. */
    public TrainConfig trainConfig(RunLimits limits, Duration whenUnset) {
        TrainConfig.Builder b = TrainConfig.builder().batchSize(batchSize).seqLength(seqLength)
                .optimizer(optimizer.toLowerCase(Locale.ROOT)).lr(lr).lrDecay(lrDecay()).lrDecayAfter(lrDecayAfter)
                .gradClip(gradClip).maxEpochs(limits.maxEpochs()).maxSteps(limits.maxSteps())
                .timeLimit(limits.timeLimit(whenUnset)).valFrac(valFrac).evalEvery(evalEvery)
                .checkpointEvery(checkpointEvery).seed(seed).emaDecay(ema).patience(patience)
                .schedule(lrSchedule.equalsIgnoreCase("plateau")
                        ? TrainConfig.Schedule.plateau(minLr, warmup, plateauPatience)
                        : new TrainConfig.Schedule(lrSchedule.toLowerCase(Locale.ROOT), minLr, warmup, 0));
        if (weightDecay != null) b.weightDecay(weightDecay);
        return b.build();
    }

    /**
     * The run's own recipe, with the flags that do not change the math as given now: the intervals, --patience and the
     * limits. Limits given on the command line replace the run's (all of them: {@code --max-epochs 5} on a run
     * made with {@code --max-steps 1000} trains 5 epochs); without any, the run goes on to its own.
     */
    public TrainConfig resumedConfig(TrainConfig saved, RunLimits limits, double elapsedSeconds) {
        TrainConfig.Builder b = saved.toBuilder()
                .evalEvery(given("--eval-every") ? evalEvery : saved.evalEvery())
                .checkpointEvery(given("--checkpoint-every") ? checkpointEvery : saved.checkpointEvery())
                .patience(given("--patience") ? patience : saved.patience());
        if (limits.anyGiven()) {
            b.maxEpochs(limits.maxEpochs()).maxSteps(limits.maxSteps()).timeLimit(limits.timeLimit(Duration.ZERO));
        } else if (saved.schedule().isTimed()) {
            // A time limit counts per run, the cosine over all of them: what is left of the cosine is this run's.
            double left = saved.schedule().totalSeconds() - elapsedSeconds;
            if (left < 1) {
                throw new UserError(String.format(Locale.ROOT, "the run is done: its cosine over %s of training "
                        + "has ended (%.0f s trained); to train on at --min-lr, pass a limit (e.g. --time-limit 10m "
                        + "or --max-steps N)", Durations.format(saved.schedule().totalSeconds()), elapsedSeconds));
            }
            b.timeLimit(Duration.ofMillis((long) Math.ceil(left * 1000)));
        }
        return b.build();
    }

    /**
     * Resume is exact: the model and the training recipe come from the checkpoint. A flag given with another
     * value would be silently ignored, so it is an error; repeating the run's own value is fine.
     */
    public void requireSameSetup(CharLmCheckpoint.Loaded c) {
        CharLmConfig m = c.model().config();
        TrainConfig t = c.trainConfig();
        List<String> changed = new ArrayList<>();
        differs(changed, "--cell", m.recurrentName(), cell());
        differs(changed, "--hidden", m.hiddenSize(), hidden);
        differs(changed, "--layers", m.numLayers(), layers);
        if (embeddingSize != null) differs(changed, "--embedding-size", m.embeddingSize(), embeddingSize);
        differs(changed, "--proj-size", m.projSize(), projSize);
        differs(changed, "--dropout", m.dropout(), (float) dropout);
        CharLmConfig.Regularization r = m.regularization();
        differs(changed, "--dropout-mode", r.dropoutMode().name().toLowerCase(Locale.ROOT), dropoutMode());
        differs(changed, "--weight-drop", r.weightDrop(), (float) weightDrop);
        differs(changed, "--tie-weights", r.tieWeights(), tieWeights);
        differs(changed, "--seq-length", t.seqLength(), seqLength);
        differs(changed, "--batch-size", t.batchSize(), batchSize);
        differs(changed, "--optimizer", t.optimizer(), optimizer.toLowerCase(Locale.ROOT));
        differs(changed, "--lr", t.lr(), lr);
        differs(changed, "--lr-decay", t.lrDecay(), lrDecay);
        differs(changed, "--lr-decay-after", t.lrDecayAfter(), lrDecayAfter);
        differs(changed, "--lr-schedule", t.schedule().name(), lrSchedule.toLowerCase(Locale.ROOT));
        differs(changed, "--min-lr", t.schedule().minLr(), minLr);
        differs(changed, "--warmup", t.schedule().warmupSteps(), warmup);
        differs(changed, "--plateau-patience", t.schedule().plateauPatience(), plateauPatience);
        differs(changed, "--weight-decay", t.weightDecay(), weightDecay);
        differs(changed, "--grad-clip", t.gradClip(), gradClip);
        differs(changed, "--ema", t.emaDecay(), ema);
        differs(changed, "--val-frac", t.valFrac(), valFrac);
        differs(changed, "--seed", t.seed(), seed);
        if (!changed.isEmpty()) {
            throw new UserError("--resume continues a run exactly as it was set up, but " + String.join(", ", changed)
                    + "; drop " + (changed.size() == 1 ? "that flag" : "those flags")
                    + ", or start a new run with another --out");
        }
    }

    private void differs(List<String> changed, String flag, Object saved, Object given) {
        if (given(flag) && !saved.equals(given)) changed.add(flag + " is " + given + " where the run has " + saved);
    }

    /** Whether {@code flag} was on the command line (rather than left at its default). */
    public boolean given(String flag) {
        return command != null && command.commandLine().getParseResult().hasMatchedOption(flag);
    }
}
