package dev.rnn4j.cli;

import dev.rnn4j.keras.EncoderDecoder;
import dev.rnn4j.keras.Sequential;
import dev.rnn4j.keras.io.KerasModels;
import dev.rnn4j.lm.CharLmCheckpoint;
import dev.rnn4j.lm.CharLmConfig;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.onnx.OnnxExport;
import dev.rnn4j.onnx.OnnxModel;
import dev.rnn4j.tool.OutputPaths;
import dev.rnn4j.tool.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/** {@code ./rnn4j export onnx}: a trained character model as an ONNX file for onnxruntime and other runtimes. */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Export a trained model to another format.",
        subcommands = ExportCommand.Onnx.class)
final class ExportCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() { throw new CommandLine.ParameterException(spec.commandLine(), "name a format: export onnx"); }

    @Command(name = "onnx", mixinStandardHelpOptions = true,
            description = "Write a character model as ONNX (opset " + OnnxModel.OPSET + "): inputs tokens "
                    + "(int64 [batch, steps]), h0 (and c0 for LSTM); outputs logits, hn (and cn). "
                    + "Feed hn/cn back as h0/c0 to stream. With --keras, a Keras model file: input -> output.")
    static final class Onnx implements Runnable {
        @Option(names = "--checkpoint", paramLabel = "DIR",
                description = "a run directory (uses its latest checkpoint) or a checkpoint directory")
        Path checkpoint;
        @Option(names = "--keras", paramLabel = "FILE",
                description = "a Keras Sequential model (.keras or .h5) instead")
        Path keras;
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "the .onnx file to write")
        Path out;

        @Override
        public void run() {
            if (Files.isDirectory(out)) {
                throw new UserError("--out " + out + " is a directory; give a file name such as model.onnx");
            }
            if ((checkpoint == null) == (keras == null)) {
                throw new UserError("give either --checkpoint DIR (a character model) or --keras FILE (a Keras model)");
            }
            OutputPaths.requireWritableFile("--out", out);      // before any work: a path that cannot be written
            if (keras != null) {
                OnnxModel model = switch (KerasModels.loadModel(keras)) {
                    case Sequential s -> OnnxExport.sequential(s);
                    case EncoderDecoder e -> OnnxExport.encoderDecoder(e);
                };
                model.save(out);
                System.out.println("wrote " + out + " (" + model.description() + "); output: the prediction");
                return;
            }
            CharLmCheckpoint.Loaded c = CharLmCheckpoint.loadModel(checkpoint);
            OnnxModel model = OnnxExport.charLm(c.model(), c.vocabulary());
            model.save(out);
            CharLmConfig config = c.model().config();
            boolean lstm = config.cell() == RecurrentKind.LSTM;
            int layers = config.numLayers();
            System.out.println("wrote " + out + " (" + model.description() + ")");
            String c0 = lstm ? ", c0 float32 [" + layers + ", batch, " + config.hiddenSize() + "]" : "";
            System.out.println("inputs: tokens int64 [batch, steps], h0 float32 [" + layers + ", batch, "
                    + config.outputSize() + "]" + c0
                    + "; outputs: logits [batch, steps, " + config.vocabSize() + "], hn" + (lstm ? ", cn" : "")
                    + "; the characters in token order are in the metadata key 'vocabulary'");
        }
    }
}
