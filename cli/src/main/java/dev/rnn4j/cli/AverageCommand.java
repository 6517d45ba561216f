package dev.rnn4j.cli;

import dev.rnn4j.lm.CharLmCheckpoint;
import dev.rnn4j.lm.CharLmConfig;
import dev.rnn4j.lm.TrainConfig;
import dev.rnn4j.lm.WeightAverage;
import dev.rnn4j.text.Vocabulary;
import dev.rnn4j.tool.Corpus;
import dev.rnn4j.tool.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code ./rnn4j average}: a new checkpoint whose weights are the elementwise mean of several checkpoints of
 * one model (checkpoint averaging, as fairseq's {@code average_checkpoints.py}, or stochastic weight
 * averaging over the end of a run), which often validates better than any one of them.
 *
 * <pre>{@code
 * ./rnn4j average --run runs/x --from-step 5000 --out runs/x-avg
 * ./rnn4j average runs/x/step-000005000 runs/x/step-000006000 --out runs/x-avg
 * }</pre>
 */
@Command(name = "average", mixinStandardHelpOptions = true,
        description = {"Average the weights of checkpoints of one model into a new checkpoint.",
                "Each CHECKPOINT is a checkpoint directory or a run directory (its latest checkpoint)."})
final class AverageCommand implements Runnable {
    private static final Pattern STEP_DIR = Pattern.compile("step-(\\d{1,18})");

    @Parameters(paramLabel = "CHECKPOINT", arity = "0..*",
            description = "checkpoint directories, or run directories (their latest)")
    List<Path> checkpoints = new ArrayList<>();
    @Option(names = "--run", paramLabel = "DIR",
            description = "also take every step-* checkpoint of this run, in step order")
    Path run;
    @Option(names = "--from-step", paramLabel = "N",
            description = "with --run: only its checkpoints at or after step N (default: all)")
    Long fromStep;
    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "the new checkpoint directory (absent or empty)")
    Path out;

    private SortedMap<Long, Path> runSteps;   // every step directory of --run, for the messages

    @Override
    public void run() {
        if (fromStep != null) {
            if (run == null) throw new UserError("--from-step chooses among the checkpoints of a --run: add --run DIR");
            InputChecks.atLeast("--from-step", fromStep, 0);
        }
        requireEmpty(out);
        List<Path> inputs = new ArrayList<>(checkpoints);
        if (run != null) inputs.addAll(runCheckpoints());
        if (inputs.size() < 2) throw tooFew(inputs);

        // One model in memory at a time besides the first (whose config and vocabulary the others must match).
        WeightAverage average = new WeightAverage();
        CharLmCheckpoint.Loaded first = null, last = null;
        List<Path> dirs = new ArrayList<>();
        for (Path input : inputs) {
            CharLmCheckpoint.Loaded c = CharLmCheckpoint.loadModel(input);
            if (first == null) first = c;
            else requireSameModel(first, c);
            average.add(c.model().stateDict());
            dirs.add(c.dir());
            last = c;
        }
        TrainConfig trained = trainConfig(last);
        average.copyInto(last.model().stateDict());
        InputChecks.requireWritable(out);
        try {
            Files.createDirectories(out);
            CharLmCheckpoint.writeModel(out.resolve(CharLmCheckpoint.MODEL_FILE), last.model(), last.vocabulary(),
                    last.dataName(), trained);
        } catch (IOException e) {
            throw new UserError("cannot create --out " + out + ": " + e.getMessage() + "; choose another --out");
        } catch (UncheckedIOException e) {   // a full disk: the write is atomic, so nothing half-written is left
            throw new UserError(e.getMessage() + "; free some space or choose another --out");
        }
        System.out.println("averaged " + dirs.size() + " checkpoints " + describe(dirs) + " into " + out);
        System.out.println("next: ./rnn4j eval --checkpoint " + out + " --split validation"
                + (Corpus.DEFAULT_NAME.equals(last.dataName()) ? "" : " --data FILE")
                + (trained == null ? " --val-frac F" : ""));
    }

    /** Like a new run's --out, the average never replaces what is there. */
    private static void requireEmpty(Path dir) {
        if (!Files.isDirectory(dir)) return;   // absent (created later), or a file (refused when created)
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            if (entries.iterator().hasNext()) {
                throw new UserError("--out " + dir + " is not empty: average writes a new checkpoint directory and "
                        + "never replaces one; choose another --out");
            }
        } catch (IOException e) {
            throw new UserError("cannot read --out " + dir + ": " + e.getMessage());
        }
    }

    /** The run's step directories holding a model, from {@code --from-step} on, in step order. */
    private List<Path> runCheckpoints() {
        if (!Files.isDirectory(run)) {
            throw new UserError(Files.exists(run) ? "--run " + run
                    + " is not a directory: pass the --out directory of a training run"
                    : "no such run directory: --run " + run);
        }
        SortedMap<Long, Path> steps = stepDirs(run);
        runSteps = steps;
        if (steps.isEmpty()) {
            throw new UserError("--run " + run
                    + " has no step-* checkpoints: pass the --out directory of a training run");
        }
        long from = fromStep == null ? 0 : fromStep;
        SortedMap<Long, Path> chosen = steps.tailMap(from);
        if (chosen.isEmpty()) {
            throw new UserError("--run " + run + " has no checkpoint at or after step " + from + " (its last is step "
                    + steps.lastKey() + "): lower --from-step");
        }
        return new ArrayList<>(chosen.values());
    }

    private static SortedMap<Long, Path> stepDirs(Path run) {
        SortedMap<Long, Path> steps = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(run, "step-*")) {
            for (Path p : entries) {
                Matcher m = STEP_DIR.matcher(p.getFileName().toString());
                if (m.matches() && Files.isRegularFile(p.resolve(CharLmCheckpoint.MODEL_FILE))) {
                    steps.put(Long.parseLong(m.group(1)), p);
                }
            }
        } catch (IOException e) {
            throw new UserError("cannot read --run " + run + ": " + e.getMessage());
        }
        return steps;
    }

    private UserError tooFew(List<Path> inputs) {
        String got = inputs.isEmpty() ? "none" : "1 (" + inputs.getFirst() + ")";
        if (run == null) {
            return new UserError("average needs at least 2 checkpoints, got " + got
                    + ": name more CHECKPOINT directories, or take a run's with --run DIR --from-step N");
        }
        if (runSteps.size() > 1) {
            return new UserError("average needs at least 2 checkpoints, got " + got + ": --run " + run
                    + " has no other at or after step " + fromStep + " (it has steps " + joined(runSteps.keySet())
                    + "): lower --from-step, or name more CHECKPOINT directories");
        }
        // Training prunes every step directory but the latest and the best, which may be one and the same.
        return new UserError("average needs at least 2 checkpoints, got " + got + ": --run " + run + " holds no other "
                + "(a run keeps only its latest and best step directories unless trained with --keep-all); name more "
                + "CHECKPOINT directories, or train with --keep-all");
    }

    private static String joined(Collection<Long> steps) {
        return steps.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /** Same cell, sizes, vocabulary, dropout and seed: checkpoints of one model, as one run (resumed or not) writes. */
    private static void requireSameModel(CharLmCheckpoint.Loaded first, CharLmCheckpoint.Loaded c) {
        CharLmConfig a = first.model().config(), b = c.model().config();
        String difference = null;
        if (a.cell() != b.cell()) {
            difference = "cell " + b.recurrentName() + " where " + first.dir() + " has " + a.recurrentName();
        } else if (a.hiddenSize() != b.hiddenSize()) {
            difference = "hidden size " + b.hiddenSize() + " where " + first.dir() + " has " + a.hiddenSize();
        } else if (a.numLayers() != b.numLayers()) {
            difference = b.numLayers() + " layers where " + first.dir() + " has " + a.numLayers();
        } else if (a.embeddingSize() != b.embeddingSize() || a.projSize() != b.projSize()) {
            difference = "embedding size " + b.embeddingSize() + ", proj size " + b.projSize() + " where " + first.dir()
                    + " has " + a.embeddingSize() + ", " + a.projSize();
        } else if (!Arrays.equals(first.vocabulary().codePoints(), c.vocabulary().codePoints())) {
            difference = vocabularyDifference(first, c);
        } else if (a.dropout() != b.dropout()) {
            difference = "dropout " + b.dropout() + " where " + first.dir() + " has " + a.dropout();
        } else if (a.seed() != b.seed()) {
            difference = "seed " + b.seed() + " where " + first.dir() + " has " + a.seed();
        }
        if (difference != null) {
            throw new UserError(c.dir() + " is not the same model as " + first.dir() + ": " + difference
                    + "; average only checkpoints of one model (one run, or a run and its resumptions)");
        }
    }

    private static String vocabularyDifference(CharLmCheckpoint.Loaded first, CharLmCheckpoint.Loaded c) {
        Set<Integer> mine = Arrays.stream(c.vocabulary().codePoints()).boxed().collect(Collectors.toSet());
        Set<Integer> theirs = Arrays.stream(first.vocabulary().codePoints()).boxed().collect(Collectors.toSet());
        List<Integer> onlyMine = mine.stream().filter(cp -> !theirs.contains(cp)).sorted().toList();
        List<Integer> onlyTheirs = theirs.stream().filter(cp -> !mine.contains(cp)).sorted().toList();
        return "a vocabulary of " + mine.size() + " characters where " + first.dir() + " has " + theirs.size()
                + (onlyMine.isEmpty() ? "" : "; only this one has " + Vocabulary.describe(onlyMine))
                + (onlyTheirs.isEmpty() ? "" : "; only " + first.dir() + " has " + Vocabulary.describe(onlyTheirs));
    }

    /**
     * The last checkpoint's training config, kept so that {@code eval --split validation} finds the part its
     * run held out; an unreadable one leaves the average without it (then eval asks for --val-frac).
     */
    private static TrainConfig trainConfig(CharLmCheckpoint.Loaded last) {
        try {
            return CharLmCheckpoint.readTrainConfig(last);
        } catch (IllegalArgumentException e) {
            System.err.println("note: " + e.getMessage() + "; the average is written without a training config");
            return null;
        }
    }

    /** "of runs/x (steps 4000, 4500)" when all are step directories of one run, else each directory (with its step). */
    private static String describe(List<Path> dirs) {
        List<String> labels = new ArrayList<>();
        List<Long> steps = new ArrayList<>();
        Set<Path> runs = new HashSet<>();
        for (Path d : dirs) {
            Path real = realPath(d);
            Matcher m = STEP_DIR.matcher(real.getFileName() == null ? "" : real.getFileName().toString());
            if (m.matches()) {
                steps.add(Long.parseLong(m.group(1)));
                runs.add(real.getParent());
                labels.add(d.getFileName().toString().equals(real.getFileName().toString()) ? d.toString()
                        : d + " = step " + Long.parseLong(m.group(1)));
            } else {
                labels.add(d.toString());
            }
        }
        if (steps.size() == dirs.size() && runs.size() == 1) {
            Path shown = dirs.getFirst().getParent() != null ? dirs.getFirst().getParent() : runs.iterator().next();
            return "of " + shown + " (steps " + joined(steps) + ")";
        }
        return "(" + String.join(", ", labels) + ")";
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
