package dev.rnn4j.cli;

import dev.rnn4j.lm.CharLmCheckpoint;
import dev.rnn4j.onnx.proto.OnnxProto.ModelProto;
import dev.rnn4j.onnx.proto.OnnxProto.StringStringEntryProto;
import dev.rnn4j.onnx.proto.OnnxProto.ValueInfoProto;
import dev.rnn4j.tool.CommandRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.rnn4j.cli.BadInputTest.oneLineError;
import static dev.rnn4j.cli.BadInputTest.tiny;
import static dev.rnn4j.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./rnn4j export onnx}: writes the checkpoint's model with its vocabulary (onnxruntime's agreement with
 * the model is proven in the onnx module's tests), and refuses bad input with one line, writing nothing.
 */
class ExportCommandTest {
    @TempDir
    static Path shared;
    static Path runDir;

    @BeforeAll
    static void trainOnce() throws Exception {
        Path romeo = Files.writeString(shared.resolve("romeo.txt"), CliTest.TEXT);
        runDir = shared.resolve("run");
        CommandRun r = run(tiny("train", "--data", romeo.toString(), "--max-steps", "5", "--out", runDir.toString()));
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void writesTheModelWithItsVocabulary(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("model.onnx");
        CommandRun r = run("export", "onnx", "--checkpoint", runDir.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("wrote " + out + " (character LM"), r.out());
        ModelProto m = ModelProto.parseFrom(Files.readAllBytes(out));
        assertEquals(List.of("tokens", "h0", "c0"), names(m.getGraph().getInputList()));
        assertEquals(List.of("logits", "hn", "cn"), names(m.getGraph().getOutputList()));
        String vocabulary = m.getMetadataPropsList().stream().filter(e -> e.getKey().equals("vocabulary"))
                .map(StringStringEntryProto::getValue).findFirst().orElseThrow();
        var loaded = CharLmCheckpoint.loadModel(runDir).vocabulary();
        assertEquals(loaded.size(), vocabulary.codePoints().count());
        assertEquals(loaded.decode(0) + loaded.decode(1), vocabulary.substring(0, 2));
    }

    @Test
    void aMissingCheckpointIsOneLineAndWritesNothing(@TempDir Path tmp) {
        Path out = tmp.resolve("model.onnx");
        String missing = tmp.resolve("nothing").toString();
        oneLineError(run("export", "onnx", "--checkpoint", missing, "--out", out.toString()), "nothing");
        assertFalse(Files.exists(out));
    }

    @Test
    void anOutputThatIsADirectoryIsRefused(@TempDir Path tmp) {
        oneLineError(run("export", "onnx", "--checkpoint", runDir.toString(), "--out", tmp.toString()),
                "is a directory");
    }

    private static List<String> names(List<ValueInfoProto> values) {
        return values.stream().map(ValueInfoProto::getName).toList();
    }

    @Test
    void aKerasFileExportsToo(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("imdb.onnx");
        Path file = Path.of("..", "keras", "src", "test", "resources", "models", "imdb-lstm.keras");
        CommandRun r = run("export", "onnx", "--keras", file.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("wrote " + out + " (Keras-style Sequential (input int64 token ids): Embedding, LSTM, Dense); "
                + "output: the prediction\n", r.out());
        ModelProto m = ModelProto.parseFrom(Files.readAllBytes(out));
        assertEquals(List.of("input"), names(m.getGraph().getInputList()));
    }

    @Test
    void anImportedPyTorchModelWithAProjectionExports(@TempDir Path tmp) throws Exception {
        Path files = Path.of("..", "torch", "src", "test", "resources", "torch"), dir = tmp.resolve("from-torch");
        CommandRun i = run("import", "torch", "--state-dict", files.resolve("charlm_lstm_proj.pt").toString(),
                "--vocab", files.resolve("charlm_chars.txt").toString(), "--out", dir.toString());
        assertEquals(0, i.code(), i.err());
        Path out = tmp.resolve("m.onnx");
        CommandRun r = run("export", "onnx", "--checkpoint", dir.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("proj_size 4)\ninputs: tokens int64 [batch, steps], h0 float32 [2, batch, 4], "
                + "c0 float32 [2, batch, 8]; outputs: logits [batch, steps, 17], hn, cn"), r.out());
        ModelProto m = ModelProto.parseFrom(Files.readAllBytes(out));
        assertEquals(2, m.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("Scan")).count());
    }

    @Test
    void neitherOrBothSourcesAreRefused(@TempDir Path tmp) {
        Path out = tmp.resolve("m.onnx");
        oneLineError(run("export", "onnx", "--out", out.toString()), "give either --checkpoint DIR", "--keras FILE");
        oneLineError(run("export", "onnx", "--checkpoint", runDir.toString(), "--keras", "x.keras", "--out",
                out.toString()), "give either");
        assertFalse(Files.exists(out));
    }

    @Test
    void anOutputUnderARegularFileIsOneLine(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        String out = file.resolve("m.onnx").toString();
        oneLineError(run("export", "onnx", "--checkpoint", runDir.toString(), "--out", out),
                "is a file, not a directory");
    }

    @Test
    void exportWithoutAFormatNamesIt() {
        oneLineError(run("export"), "export onnx");
    }
}
