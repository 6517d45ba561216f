package dev.rnn4j.cli;

import dev.rnn4j.lm.CharLmCheckpoint;
import dev.rnn4j.lm.CharLmConfig;
import dev.rnn4j.nn.Nonlinearity;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.tool.InputFiles;
import dev.rnn4j.tool.OutputPaths;
import dev.rnn4j.tool.UserError;
import dev.rnn4j.torch.TorchCharLm;
import dev.rnn4j.torch.TorchStateDict;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code ./rnn4j import torch}: a PyTorch character model's {@code state_dict} (a {@code torch.save} file, read
 * without running any of its pickle, or safetensors) and its vocabulary become an rnn4j checkpoint directory,
 * which {@code sample} and {@code eval} take.
 *
 * <pre>{@code
 * ./rnn4j import torch --state-dict m.pt --vocab chars.txt --out runs/imported
 * ./rnn4j import torch --state-dict ckpt.pt --key model_state_dict --vocab chars.txt --out runs/imported2
 * ./rnn4j sample --checkpoint runs/imported --prime "ROMEO:"
 * }</pre>
 */
@Command(name = "import", mixinStandardHelpOptions = true, subcommands = ImportCommand.Torch.class,
        description = "Turn a model saved by another framework into an rnn4j checkpoint.")
final class ImportCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(System.out); }

    @Command(name = "torch", mixinStandardHelpOptions = true,
            description = {"A PyTorch character model (embedding, lstm|gru|rnn, head) into a checkpoint directory.",
                    "The pickle is read by a restricted reader: anything but tensors is refused, nothing in it runs."})
    static final class Torch implements Runnable {
        @Option(names = "--state-dict", required = true, paramLabel = "FILE",
                description = {"torch.save(model.state_dict(), FILE), or a training checkpoint holding it "
                        + "(torch.save({'epoch': 3, 'model_state_dict': ..., 'optimizer_state_dict': ...}, FILE)),",
                        "any pickle protocol, zip or legacy format; or a safetensors file of the same tensors"})
        Path stateDict;
        @Option(names = "--key", paramLabel = "NAME",
                description = "the checkpoint entry holding the state_dict, e.g. model_state_dict (default: the "
                        + "file itself, or its only entry that is a state_dict)")
        String key;
        @Option(names = "--vocab", required = true, paramLabel = "FILE",
                description = "the characters of token ids 0, 1, 2, ... in order, UTF-8, nothing else "
                        + "(no trailing newline "
                        + "unless newline is a token)")
        Path vocab;
        @Option(names = "--out", required = true, paramLabel = "DIR",
                description = "the new checkpoint directory (absent or empty)")
        Path out;
        @Option(names = "--nonlinearity", defaultValue = "tanh",
                description = "an rnn model's activation, tanh or relu; a state_dict does not say "
                        + "(default: ${DEFAULT-VALUE})")
        String nonlinearity;

        @Override
        public void run() {
            InputChecks.oneOf("--nonlinearity", nonlinearity, List.of("tanh", "relu"));
            if (key != null && key.isBlank()) {
                throw new UserError("--key is empty: give the checkpoint entry holding the state_dict, e.g. "
                        + "--key model_state_dict, or leave --key out");
            }
            requireEmpty(out);
            InputFiles.requireReadable("--state-dict", stateDict);
            String characters = readVocabulary(vocab);
            OutputPaths.requireWritableDirectory("--out", out);
            Nonlinearity nl = Nonlinearity.valueOf(nonlinearity.toUpperCase(Locale.ROOT));
            TorchCharLm.Imported m;
            try {
                m = TorchCharLm.load(TorchStateDict.readFloat32(stateDict, key), characters, nl);
            } catch (IllegalArgumentException e) {
                String msg = e.getMessage();
                throw new UserError(msg.startsWith(stateDict.toString()) ? msg : stateDict + ": " + msg);
            }
            CharLmConfig c = m.model().config();
            if (c.cell() != RecurrentKind.RNN && nl != Nonlinearity.TANH) {
                throw new UserError("--nonlinearity is for rnn models; " + stateDict + " holds an "
                        + c.recurrentName());
            }
            write(m);
            System.out.printf(Locale.ROOT, "imported %s: %s %dx%d%s, embedding %d, vocabulary %d -> %s%n", stateDict,
                    c.cell(), c.numLayers(), c.hiddenSize(), c.projSize() > 0 ? " (proj " + c.projSize() + ")" : "",
                    c.embeddingSize(), c.vocabSize(), out);
            System.out.println("next: ./rnn4j sample --checkpoint " + out + "   or   ./rnn4j eval --checkpoint " + out
                    + " --data TEXT");
        }

        private void write(TorchCharLm.Imported m) {
            boolean created = !Files.exists(out);
            try {
                Files.createDirectories(out);
                CharLmCheckpoint.writeModel(out.resolve(CharLmCheckpoint.MODEL_FILE), m.model(), m.vocabulary(),
                        String.valueOf(stateDict.getFileName()));
            } catch (IOException | RuntimeException e) {
                if (created) deleteQuietly(out);
                throw new UserError("cannot write " + out + ": " + e.getMessage());
            }
        }

        /** Strict UTF-8: a vocabulary read wrongly would silently map ids to other characters. */
        private static String readVocabulary(Path file) {
            String characters = InputFiles.text("--vocab", file);
            if (characters.isEmpty()) {
                throw new UserError("--vocab " + file + " is empty: give the model's characters, in token id order");
            }
            return characters;
        }

        private static void requireEmpty(Path dir) {
            if (!Files.exists(dir)) return;
            if (!Files.isDirectory(dir)) throw new UserError("--out " + dir + " is a file: give a new directory");
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new UserError("--out " + dir
                            + " is not empty: import writes a new checkpoint directory; choose another --out");
                }
            } catch (IOException e) {
                throw new UserError("cannot read --out " + dir + ": " + e.getMessage());
            }
        }

        private static void deleteQuietly(Path dir) {
            try (Stream<Path> entries = Files.list(dir)) {
                for (Path p : entries.toList()) Files.deleteIfExists(p);
                Files.deleteIfExists(dir);
            } catch (IOException ignored) {
                // best effort: the error about the write is what the user needs
            }
        }
    }
}
