package dev.rnn4j.cli;

import dev.rnn4j.tool.BadInputs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The robustness catalogue as data: every command (a {@link Target}: its argument line with slots) times every
 * kind of bad input that fits its slots and flags. {@link RobustnessHarnessTest} runs each pair and checks the
 * promise of the README's "When things go wrong".
 *
 * <p>Adding a command is one line in {@link #TARGETS}: its arguments with a slot where each file or directory goes
 * ({@code {text}} a text file read, {@code {run}} a run or checkpoint directory read, {@code {metrics}} a run's
 * metrics read, {@code {model:PATH}} a binary model file read whose good example is PATH (relative to the {@code cli}
 * module), {@code {out}} a directory written, {@code {page}} a file written), then {@code .ints(...)} /
 * {@code .reals(...)} for its numeric flags and {@code .typo(wrong, right)} for a flag people misspell. Every slot
 * gets every bad file of its kind, every numeric flag absurd and overflowing values, and every command an unknown
 * flag and its own name misspelled.
 */
final class BadInputCatalogue {
    private BadInputCatalogue() {}

    /** A command under test: {@code args} with slots, its numeric flags, misspellings and extra cases. */
    record Target(String args, List<String> ints, List<String> reals, List<String[]> typos, List<Case> extras) {
        static Target of(String args) { return new Target(args, List.of(), List.of(), List.of(), List.of()); }

        /** Integer flags whose valid values are >= 0 (or >= 1). */
        Target ints(String... flags) { return new Target(args, List.of(flags), reals, typos, extras); }

        /** Real flags whose valid values are finite and >= 0. */
        Target reals(String... flags) { return new Target(args, ints, List.of(flags), typos, extras); }

        /** {@code wrong} gets "did you mean {@code right}". */
        Target typo(String wrong, String right) {
            List<String[]> t = new ArrayList<>(typos);
            t.add(new String[] {wrong, right});
            return new Target(args, ints, reals, t, extras);
        }

        /** A case of this command only: extra arguments and a regular expression the error line must match. */
        Target extra(String name, String moreArgs, String expected) {
            List<Case> e = new ArrayList<>(extras);
            e.add(new Case(name, null, moreArgs, expected));
            return new Target(args, ints, reals, typos, e);
        }

        /** The command's words, e.g. "viz cells". */
        String command() {
            return Arrays.stream(args.split(" ")).takeWhile(w -> !w.startsWith("-") && !w.startsWith("{"))
                    .reduce((a, b) -> a + " " + b).orElseThrow();
        }
    }

    /** What a run too large for the heap says, train's line (see {@code Memory.tooLarge}). */
    private static final String TOO_LARGE = "needs ~.* GB, the JVM may use .*: lower .*RNN4J_HEAP";

    /** The Keras test models and their arrays, relative to the cli module. */
    private static final String KERAS = "../keras/src/test/resources/models/";

    /**
     * One bad input: for slot cases, the slot kind and the bad value's name (a {@link BadFiles} fixture); for flag
     * cases, the arguments to add. {@code expected} is a regular expression the error line must contain.
     */
    record Case(String name, String slot, String value, String expected) {}

    static final List<Target> TARGETS = List.of(
            Target.of("train --data {text} --out {out} --max-steps 1 --hidden 8 --layers 1 --batch-size 4 "
                    + "--seq-length 16")
                    .ints("--hidden", "--layers", "--batch-size", "--seq-length", "--max-steps", "--max-epochs",
                            "--eval-every", "--checkpoint-every", "--lr-decay-after", "--warmup", "--threads")
                    .reals("--lr", "--dropout", "--val-frac", "--grad-clip", "--min-lr", "--weight-decay", "--lr-decay",
                            "--weight-drop", "--ema")
                    .typo("--hiden", "--hidden").typo("--epochs", "--max-epochs")
                    .typo("--tie-weight", "--tie-weights")
                    .extra("an unknown dropout mode", "--dropout 0.2 --dropout-mode variational",
                            "unknown --dropout-mode 'variational': use standard, locked")
                    .extra("a weight drop of 1", "--weight-drop 1", "--weight-drop must be in \\[0, 1\\), got 1")
                    .extra("an averaging decay of 1", "--ema 1", "--ema must be in \\[0, 1\\), got 1")
                    .extra("locked dropout without dropout", "--dropout 0 --dropout-mode locked", "--dropout is 0")
                    .extra("tied weights of two sizes", "--tie-weights --embedding-size 4",
                            "--tie-weights .*embedding size is 4 and --hidden is 8: add --embedding-size 8")
                    .extra("tied weights beside a projection", "--tie-weights --hidden 12 --proj-size 6",
                            "embedding size is 12 \\(--hidden\\) and --proj-size is 6: add --embedding-size 6")
                    .extra("a weight matrix larger than an array", "--hidden 100000",
                            "more than a Java array holds.*lower --hidden")
                    .extra("a model too large for memory", "--hidden 16000",
                            "needs ~.* GB, the JVM may use .*RNN4J_HEAP")
                    .extra("a deep and wide model", "--layers 1000 --hidden 2048",
                            "needs ~.* GB, the JVM may use .*RNN4J_HEAP")
                    .extra("a batch too large for memory", "--batch-size 100000000 --seq-length 100000",
                            "needs ~.* GB|--batch-size .* needs")
                    .extra("an unknown cell", "--cell lsmt", "unknown --cell 'lsmt'"),
            Target.of("train --resume {run} --data {text} --max-steps 40"),
            Target.of("sample --checkpoint {run} --length 5")
                    .ints("--length", "--top-k", "--probs", "--threads").reals("--temperature", "--top-p")
                    .typo("--temprature", "--temperature"),
            Target.of("eval --checkpoint {run} --data {text}")
                    .ints("--batch-size", "--seq-length", "--threads").typo("--spilt", "--split")
                    .extra("an unknown split", "--split valid", "unknown --split 'valid'"),
            Target.of("serve --checkpoint {run} --port 0")
                    .ints("--port", "--max-streams", "--max-length", "--threads").typo("--max-stream", "--max-streams")
                    .extra("a port past 65535", "--port 65536", "--port must be at most 65535, got 65536")
                    .extra("unknown weights", "--weights fp8", "--weights 'fp8'"),
            Target.of("serve --keras {model:../keras/src/test/resources/models/imdb-lstm.keras} --port 0")
                    .extra("a model of each kind", "--checkpoint runs", "give one model: --checkpoint DIR .* not both")
                    .extra("reduced weights of a Keras model", "--weights int8", "--weights is for character models"),
            Target.of("average {run} {run} --out {out}").typo("--otu", "--out"),
            Target.of("gradcheck").ints("--layers", "--input", "--hidden", "--batch", "--seq", "--proj")
                    .typo("--hiden", "--hidden")
                    .extra("a projection as large as the hidden size", "--proj 4 --hidden 4",
                            "--proj must be .*--hidden"),
            Target.of("bench --only sgemm").ints("--repeats", "--threads").typo("--repeat", "--repeats")
                    .extra("an unknown workload", "--only sgem", "unknown workload 'sgem'"),
            Target.of("viz cells --checkpoint {run} --text {text} --out {page}").ints("--max-chars")
                    .typo("--max-char", "--max-chars"),
            Target.of("viz gradients --data {text} --out {page} --train-steps 1 --samples 1")
                    .ints("--hidden", "--train-steps", "--distance", "--samples").typo("--hiden", "--hidden"),
            Target.of("viz training --run {metrics} --out {page}").typo("--rn", "--run"),
            Target.of("example sentiment --train {text} --out {out} --epochs 1")
                    .ints("--epochs", "--batch-size", "--hidden", "--train-limit")
                    .reals("--lr", "--dropout", "--recurrent-dropout").typo("--epoch", "--epochs")
                    .extra("a model too large for memory", "--hidden 200000", TOO_LARGE)
                    .extra("a batch too large for memory", "--batch-size 2000000000 --max-length 1000000", TOO_LARGE),
            Target.of("example postag --train {text} --out {out} --epochs 1")
                    .ints("--epochs", "--batch-size", "--hidden", "--train-limit").reals("--lr", "--dropout")
                    .typo("--epoch", "--epochs")
                    .extra("a model too large for memory", "--hidden 200000", TOO_LARGE)
                    .extra("a deep model too large for memory", "--layers 100000 --hidden 2048", TOO_LARGE),
            Target.of("example translate --data {text} --out {out} --epochs 1")
                    .ints("--epochs", "--batch-size", "--hidden", "--train-limit", "--beam").reals("--lr", "--dropout")
                    .typo("--epoch", "--epochs")
                    .extra("an unknown model", "--model bogus", "--model must be attention or keras, got 'bogus'")
                    .extra("a model too large for memory", "--hidden 200000", TOO_LARGE)
                    .extra("a deep model too large for memory", "--layers 100000 --hidden 2048", TOO_LARGE),
            Target.of("example generate --train {text} --out {out} --epochs 1")
                    .ints("--epochs", "--batch-size", "--hidden", "--train-limit").reals("--lr")
                    .typo("--epoch", "--epochs")
                    .extra("a model too large for memory", "--hidden 200000", TOO_LARGE)
                    .extra("a vocabulary too large for memory", "--vocabulary 2000000000", TOO_LARGE),
            Target.of("example basics").typo("--hepl", "--help"),
            Target.of("keras summary {model:../keras/src/test/resources/models/imdb-lstm.keras}"),
            Target.of("import torch --state-dict {model:../torch/src/test/resources/torch/charlm_rnn_relu.pt} --vocab "
                    + "{text} --out {out}").typo("--state-dic", "--state-dict"),
            Target.of("export onnx --checkpoint {run} --out {page}").typo("--chekpoint", "--checkpoint"),
            Target.of("keras predict {model:" + KERAS + "imdb-lstm.keras} --input " + KERAS + "x_imdb-lstm.npy "
                    + "--output {page}").ints("--batch-size").typo("--ouput", "--output"),
            Target.of("keras evaluate {model:" + KERAS + "imdb-lstm.keras} --x " + KERAS + "x_imdb-lstm.npy --y "
                    + KERAS + "labels_imdb-lstm.npy").ints("--batch-size"),
            Target.of("keras fit {model:" + KERAS + "imdb-2lstm.keras} --x " + KERAS + "x_imdb-2lstm.npy --y "
                    + KERAS + "labels_imdb-lstm.npy --out {page}").ints("--epochs", "--batch-size")
                    .reals("--validation-split").typo("--epoch", "--epochs"),
            Target.of("keras evaluate {model:" + KERAS + "seq2seq-lstm.keras} --x " + KERAS + "x_seq2seq-lstm.npy --x "
                    + KERAS + "x2_seq2seq-lstm.npy --y " + KERAS + "labels_seq2seq-lstm.npy").ints("--batch-size")
                    .extra("an encoder input of other rows", "--x " + KERAS + "x_imdb-lstm.npy",
                            "--x .*x2_seq2seq-lstm.npy has 5 rows but --x .*x_imdb-lstm.npy has 8"),
            Target.of("keras fit {model:" + KERAS + "seq2seq-lstm.keras} --x " + KERAS + "x_seq2seq-lstm.npy --x "
                    + KERAS + "x2_seq2seq-lstm.npy --y " + KERAS + "labels_seq2seq-lstm.npy --out {page}")
                    .ints("--epochs", "--batch-size").reals("--validation-split"));

    /** Bad values of each slot kind, shared with the spark module's harness ({@link BadInputs#SLOT_CASES}). */
    static final List<Case> SLOT_CASES = BadInputs.SLOT_CASES.stream()
            .map(c -> new Case(c.name(), c.slot(), c.value(), c.expected())).toList();

    /** What every numeric flag is given (see {@link BadInputs}). */
    static final List<String> BAD_INTS = BadInputs.BAD_INTS;
    static final List<String> BAD_REALS = BadInputs.BAD_REALS;

    /** Every case of every target, named "command: case". */
    static List<Object[]> all() {
        List<Object[]> cases = new ArrayList<>();
        for (Target t : TARGETS) {
            for (Case c : SLOT_CASES) {
                if (t.args().contains("{" + c.slot() + "}") || t.args().contains("{" + c.slot() + ":")) {
                    cases.add(new Object[] {t, c});
                }
            }
            for (String flag : t.ints()) {
                for (String v : BAD_INTS) {
                    cases.add(new Object[] {t, new Case(flag + " " + v, null, flag + " " + v, flag)});
                }
            }
            for (String flag : t.reals()) {
                for (String v : BAD_REALS) {
                    cases.add(new Object[] {t, new Case(flag + " " + v, null, flag + " " + v, flag)});
                }
            }
            for (String[] typo : t.typos()) {
                cases.add(new Object[] {t, new Case("misspelled " + typo[0], null, typo[0] + " 1",
                        "unknown option '" + typo[0] + "'; did you mean .*'" + typo[1] + "'")});
            }
            cases.add(new Object[] {t,
                    new Case("unknown flag", null, "--no-such-flag", "unknown option '--no-such-flag'")});
            cases.add(
                    new Object[] {t, new Case("misspelled command", null, null, "unknown command '.*'; did you mean")});
            for (Case c : t.extras()) cases.add(new Object[] {t, c});
        }
        return cases;
    }
}
