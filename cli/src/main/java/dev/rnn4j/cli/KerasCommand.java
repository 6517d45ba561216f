package dev.rnn4j.cli;

import dev.rnn4j.io.Npy;
import dev.rnn4j.keras.ConsoleProgress;
import dev.rnn4j.keras.FitConfig;
import dev.rnn4j.keras.KerasModel;
import dev.rnn4j.keras.Scores;
import dev.rnn4j.keras.SummaryStyle;
import dev.rnn4j.keras.Shape;
import dev.rnn4j.keras.io.KerasModels;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tool.OutputPaths;
import dev.rnn4j.tool.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import dev.rnn4j.tool.InputFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./rnn4j keras summary|predict|evaluate|fit FILE}: a Keras model file ({@code .keras} or legacy {@code .h5})
 * run here, with NumPy {@code .npy} arrays in and out so the results compare with Keras's in two lines; {@code fit}
 * trains it further and saves it as {@code .keras}. An encoder-decoder file takes its two inputs as two
 * {@code --input} (or {@code --x}) files, the encoder's first.
 */
@Command(name = "keras", mixinStandardHelpOptions = true,
        description = "Run a Keras model file (.keras or legacy .h5).",
        subcommands = {KerasCommand.Summary.class, KerasCommand.Predict.class, KerasCommand.Evaluate.class,
                KerasCommand.Fit.class})
final class KerasCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(System.out); }

    @Command(name = "summary", mixinStandardHelpOptions = true,
            description = "Print the model's layers, shapes and parameter counts as Keras's model.summary() does.")
    static final class Summary implements Runnable {
        @Parameters(paramLabel = "FILE", description = "a Keras model file")
        Path file;
        @Option(names = "--style", defaultValue = "keras3", paramLabel = "keras3|keras2",
                description = "the table of Keras 3 (box-drawn, with sizes) or of TF2 / Keras 2 "
                        + "(default: ${DEFAULT-VALUE})")
        String style;

        @Override
        public void run() {
            SummaryStyle s = switch (style) {
                case "keras3" -> SummaryStyle.KERAS3;
                case "keras2" -> SummaryStyle.KERAS2;
                default -> throw new UserError("--style must be keras3 or keras2, got '" + style + "'");
            };
            InputFiles.requireReadable(null, file);
            try {
                System.out.print(KerasModels.loadModel(file).summary(s));
            } catch (IllegalArgumentException e) {
                throw new UserError(file + ": " + e.getMessage());
            }
        }
    }

    @Command(name = "predict", mixinStandardHelpOptions = true,
            description = "Write the model's outputs for the inputs of a .npy file.")
    static final class Predict implements Runnable {
        @Parameters(paramLabel = "FILE", description = "a Keras model file")
        Path file;
        @Option(names = "--input", required = true, paramLabel = "X.npy",
                description = "inputs: token ids (N, T) or features (N, T, F); an encoder-decoder takes two, "
                        + "--input ENCODER.npy --input DECODER.npy")
        List<Path> inputs;
        @Option(names = "--output", required = true, paramLabel = "Y.npy",
                description = "where the outputs go (float32)")
        Path output;
        @Option(names = "--batch-size", defaultValue = "32", description = "rows per batch (default: ${DEFAULT-VALUE})")
        int batchSize;

        @Override
        public void run() {
            OutputPaths.requireWritableFile("--output", output);   // before any work: a path that cannot be written
            KerasModel model = load(file, batchSize);
            Tensor y = model.predict(readInputs(inputs, model, "--input"), batchSize);
            Npy.write(output, y);
            System.out.println("wrote " + output + ", shape " + Arrays.toString(y.shape()));
        }
    }

    @Command(name = "evaluate", mixinStandardHelpOptions = true,
            description = "Print the loss and the compiled metrics on .npy data.")
    static final class Evaluate implements Runnable {
        @Parameters(paramLabel = "FILE", description = "a Keras model file saved with its compile settings")
        Path file;
        @Mixin
        LabeledData data;
        @Option(names = "--batch-size", defaultValue = "32", description = "rows per batch (default: ${DEFAULT-VALUE})")
        int batchSize;

        @Override
        public void run() {
            KerasModel model = load(file, batchSize);
            LabeledData.Read xy = data.read(model);
            requireCompiled(model, file);
            Scores s = model.evaluate(xy.x(), xy.y(), batchSize);
            String line = String.format(Locale.ROOT, "loss: %.4f", s.loss());
            if (!Double.isNaN(s.accuracy())) line += String.format(Locale.ROOT, " - accuracy: %.4f", s.accuracy());
            System.out.println(line);
        }
    }

    @Command(name = "fit", mixinStandardHelpOptions = true,
            description = "Train a compiled Keras model file further on .npy data (with its dropout, as Keras's fit) "
                    + "and save it as .keras.")
    static final class Fit implements Runnable {
        @Parameters(paramLabel = "FILE", description = "a Keras model file saved with its compile settings")
        Path file;
        @Mixin
        LabeledData data;
        @Option(names = "--epochs", defaultValue = "1",
                description = "passes over the data (default: ${DEFAULT-VALUE})")
        int epochs;
        @Option(names = "--batch-size", defaultValue = "32", description = "rows per batch (default: ${DEFAULT-VALUE})")
        int batchSize;
        @Option(names = "--validation-split", defaultValue = "0", paramLabel = "FRACTION",
                description = "the last rows held out and scored after each epoch, as Keras's validation_split "
                        + "(default: ${DEFAULT-VALUE})")
        double validationSplit;
        @Option(names = "--no-shuffle", description = "keep the rows in order (Keras's shuffle=False; what a stateful "
                + "model needs, its row i continuing in every batch)")
        boolean noShuffle;
        @Option(names = "--out", required = true, paramLabel = "OUT.keras",
                description = "where the trained model goes (Keras 3's .keras; written atomically)")
        Path out;

        @Override
        public void run() {
            InputChecks.atLeast("--epochs", epochs, 1);
            if (!(validationSplit >= 0 && validationSplit < 1)) {
                throw new UserError("--validation-split must be in [0, 1), got " + validationSplit);
            }
            OutputPaths.requireWritableFile("--out", out);        // before the training, not after it
            KerasModel model = load(file, batchSize);
            requireCompiled(model, file);
            LabeledData.Read xy = data.read(model);
            requireSaveable(model, file);
            ConsoleProgress progress = System.getenv("RNN4J_TTY") == null ? ConsoleProgress.lines(System.out)
                    : ConsoleProgress.bar(System.out);
            try {
                model.fit(xy.x(), xy.y(), FitConfig.defaults().withEpochs(epochs).withBatchSize(batchSize)
                        .withValidationSplit(validationSplit).withShuffle(!noShuffle).withListener(progress));
            } catch (IllegalStateException e) {          // training diverged: nothing worth saving
                throw new UserError(e.getMessage() + "; " + out + " was not written");
            }
            KerasModels.save(model, out);
            System.out.println("saved " + out);
        }
    }

    /** The model of predict, evaluate and fit, after their --batch-size is checked. */
    private static KerasModel load(Path file, int batchSize) {
        InputChecks.atLeast("--batch-size", batchSize, 1);
        InputFiles.requireReadable(null, file);
        return KerasModels.loadModel(file);
    }

    /** The inputs and targets of evaluate and fit: .npy files with as many rows. */
    static final class LabeledData {
        @Option(names = "--x", required = true, paramLabel = "X.npy",
                description = "inputs; an encoder-decoder takes two, --x ENCODER.npy --x DECODER.npy")
        List<Path> xFiles;
        @Option(names = "--y", required = true, paramLabel = "Y.npy",
                description = "targets (labels, class ids or values)")
        Path yFile;

        record Read(List<Tensor> x, Tensor y) {}

        /** The inputs, each checked against the model's input shape, and the targets. */
        Read read(KerasModel model) {
            List<Tensor> x = readInputs(xFiles, model, "--x");
            Tensor y = KerasCommand.read(yFile, "--y");
            int rows = x.getFirst().size(0);
            if (y.rank() == 0 || y.size(0) != rows) {
                throw new UserError("--y has " + (y.rank() == 0 ? "no rows" : y.size(0) + " rows") + " but --x has "
                        + rows);
            }
            return new Read(x, y);
        }
    }

    /** Refuses, before the training, a model that Keras 3's format cannot hold (Keras 2's hard sigmoid). */
    private static void requireSaveable(KerasModel model, Path file) {
        try {
            KerasModels.requireSaveable(model);
        } catch (IllegalArgumentException e) {
            throw new UserError(file + " cannot be saved as .keras after training: " + e.getMessage());
        }
    }

    /** Evaluate and fit need the file's compile settings; without them, say which ones this library reads. */
    private static void requireCompiled(KerasModel model, Path file) {
        if (!model.isCompiled()) {
            throw new UserError(file + " has no compile settings this library supports (loss binary_crossentropy, "
                    + "sparse_categorical_crossentropy, categorical_crossentropy or mse; metric accuracy; optimizer "
                    + "RMSprop, Adam, AdamW, SGD or Adagrad)");
        }
    }

    /** One .npy file per model input, in the model's order, each fitting its input's shape. */
    static List<Tensor> readInputs(List<Path> files, KerasModel model, String flag) {
        List<Shape> shapes = model.inputShapes();
        if (files.size() != shapes.size()) {
            throw new UserError(shapes.size() == 1 ? "this model takes one input: give " + flag + " once, got "
                    + files.size() : "this model takes " + shapes.size() + " inputs, the encoder's then the "
                    + "decoder's: give " + flag + " " + shapes.size() + " times, got " + files.size());
        }
        List<Tensor> inputs = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) inputs.add(readInput(files.get(i), shapes.get(i), flag));
        int rows = inputs.getFirst().size(0);
        for (int i = 1; i < inputs.size(); i++) {
            if (inputs.get(i).size(0) != rows) throw new UserError(flag + " " + files.get(i) + " has "
                    + inputs.get(i).size(0) + " rows but " + flag + " " + files.getFirst() + " has " + rows
                    + ": give inputs with one row per example each");
        }
        return inputs;
    }

    /** A .npy file whose shape fits the model's input: the same rank, the same fixed dimensions. */
    private static Tensor readInput(Path file, Shape expected, String flag) {
        Tensor x = read(file, flag);
        if (!fits(x, expected)) {
            throw new UserError(flag + " " + file + " has shape " + Arrays.toString(x.shape())
                    + " but the model takes " + expected
                    + " (batch first)");
        }
        return x;
    }

    /** Whether {@code x} fits a model input of shape {@code expected}: its rank, its fixed sizes past the batch. */
    static boolean fits(Tensor x, Shape expected) {
        boolean fits = x.rank() == expected.rank() && x.size(0) > 0;
        for (int d = 1; fits && d < x.rank(); d++) fits = expected.dim(d) == Shape.NONE || expected.dim(d) == x.size(d);
        return fits;
    }

    static Tensor read(Path file, String flag) {
        if (!Files.isRegularFile(file)) throw new UserError(flag + " " + file
                + " does not exist (expected a NumPy .npy file)");
        try {
            return Npy.read(file).toTensor();
        } catch (IOException e) {
            throw new UserError(flag + " " + file + " cannot be read: " + e.getMessage());
        }
    }
}
