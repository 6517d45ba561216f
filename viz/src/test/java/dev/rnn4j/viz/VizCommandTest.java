package dev.rnn4j.viz;

import dev.rnn4j.nn.RecurrentKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The viz commands through the real command line: pages are self-contained, bad input is one line and exit code 2. */
class VizCommandTest {
    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return new Result(VizCli.run(args), out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    static void assertOneLineError(Result r, String... parts) {
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        for (String p : parts) assertTrue(r.err().contains(p), r.err());
    }

    @Test
    void cellsPageIsSelfContainedAndEscapesTheText(@TempDir Path tmp) throws Exception {
        Path ckpt = VizBrowserTest.checkpoint(tmp, RecurrentKind.GRU, 1);
        Path page = tmp.resolve("out/cells.html");
        Path text = tmp.resolve("t.txt");
        Files.writeString(text, "ROMEO: </script> {{scripts}}\n" + VizBrowserTest.TEXT);
        Result r = run("viz", "cells", "--checkpoint", ckpt.toString(), "--text", text.toString(), "--max-chars", "100",
                "--out", page.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("first 100 of"), r.out());
        String html = Files.readString(page);
        assertEquals(2, html.split("</script>", -1).length - 1,
                "the text's </script> must not close the page's script");
        assertTrue(!html.contains("src=\"http") && !html.contains("href=\"http"), "nothing loaded from the network");
        assertTrue(html.contains("const DATA = {"), "data inlined");
        assertEquals(1, html.split("const Plot =", -1).length - 1,
                "scripts inlined once, not again where the text says {{scripts}}");
    }

    @Test
    void cellsRejectsUnknownCharactersAndBadCheckpoints(@TempDir Path tmp) throws Exception {
        Path ckpt = VizBrowserTest.checkpoint(tmp, RecurrentKind.LSTM, 1);
        assertOneLineError(run("viz", "cells", "--checkpoint", ckpt.toString(), "--prime", "Zoë", "--out",
                tmp.resolve("a.html").toString()),
                "--prime has characters the model never saw", "'Z' (U+005A)", "'ë' (U+00EB)");
        Path text = tmp.resolve("k.txt");
        Files.writeString(text, "ROMEO 가");
        assertOneLineError(run("viz", "cells", "--checkpoint", ckpt.toString(), "--text", text.toString(), "--out",
                tmp.resolve("b.html").toString()),
                "--text " + text, "U+AC00");
        Path broken = tmp.resolve("broken");
        Files.createDirectories(broken);
        Files.write(broken.resolve("model.safetensors"), new byte[] {1, 2, 3});
        assertOneLineError(run("viz", "cells", "--checkpoint", broken.toString(), "--prime", "R"), "model.safetensors");
        assertOneLineError(run("viz", "cells", "--checkpoint", tmp.resolve("nowhere").toString(), "--prime", "R"),
                "no such checkpoint directory");
        assertEquals(2, run("viz", "cells", "--checkpoint", ckpt.toString()).code(), "--text or --prime is required");
    }

    @Test
    void gradientsRejectsUnknownCells() {
        assertOneLineError(run("viz", "gradients", "--cell", "rnn,transformer"), "--cell", "'transformer'");
    }

    @Test
    void trainingReadsRunsAndToleratesATornLastLine(@TempDir Path tmp) throws Exception {
        Path run = MetricsFixture.write(tmp.resolve("a"), 25, 1.0);
        Files.writeString(run.resolve("metrics.jsonl"), "{\"type\":\"step\",\"step\":26,\"tra",
                java.nio.file.StandardOpenOption.APPEND);
        Map<String, Object> read = TrainingCommand.read(run);
        @SuppressWarnings("unchecked")
        Map<String, List<Object>> series = (Map<String, List<Object>>) read.get("series");
        assertEquals(25, series.get("train_loss").size());
        assertEquals(2, series.get("val_bpc").size());
        assertEquals(10L, ((List<?>) series.get("val_loss").get(0)).get(0), "validation at step 10");

        assertEquals(1.0, (Double) ((List<?>) series.get("train_loss").get(19)).get(2), 1e-9,
                "step 20 at 60 s = 1 minute");

        Path bad = tmp.resolve("bad");
        Files.createDirectories(bad);
        Files.writeString(bad.resolve("metrics.jsonl"), "{\"step\":1}\nnot json\n{\"step\":2}\n");
        assertOneLineError(
                run("viz", "training", "--run", bad.toString(), "--out", tmp.resolve("t.html").toString()), "line 2");
        assertOneLineError(run("viz", "training", "--run", tmp.resolve("empty").toString()), "no such run directory");
        Files.createDirectories(tmp.resolve("started"));
        assertOneLineError(run("viz", "training", "--run", tmp.resolve("started").toString()), "no metrics.jsonl");
    }

    @Test
    void trainingReadsPytorchQualityOutputAsTimedValidations(@TempDir Path tmp) {
        Path file = MetricsFixture.writePytorchQuality(tmp.resolve("pytorch.jsonl"), 3);
        @SuppressWarnings("unchecked")
        Map<String, List<Object>> series = (Map<String, List<Object>>) TrainingCommand.read(file).get("series");
        assertEquals(4, series.get("val_loss").size(), "three reports and the final validation");
        List<?> last = (List<?>) series.get("val_loss").get(3);
        assertEquals(122L, last.get(0));
        assertEquals(1.6 + 1.0 / 3, (Double) last.get(1), 1e-4);
        assertEquals(365 / 60.0, (Double) last.get(2), 1e-9, "minutes");
        assertEquals((1.6 + 1.0) / Math.log(2), (Double) ((List<?>) series.get("val_bpc").get(0)).get(1), 1e-4,
                "bits per char derived");
        assertEquals(0, series.get("train_loss").size(),
                "its train_loss is a report of the last batch, not a step line");
    }

    @Test
    void aShortPrimeGoesOnWithTheModelsOwnSampleAndShortTextsAreNotRanked(@TempDir Path tmp) throws Exception {
        Path ckpt = VizBrowserTest.checkpoint(tmp, RecurrentKind.LSTM, 1);
        Path page = tmp.resolve("p.html");
        Result r = run("viz", "cells", "--checkpoint", ckpt.toString(), "--prime", "ROMEO:", "--out", page.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("1000 characters of --prime (6 of --prime, then the model's own sample)"), r.out());
        assertTrue(!r.out().contains("cells not ranked"), r.out());

        Path text = tmp.resolve("t.txt");
        Files.writeString(text, VizBrowserTest.TEXT);
        r = run("viz", "cells", "--checkpoint", ckpt.toString(), "--text", text.toString(), "--max-chars", "60",
                "--out", tmp.resolve("q.html").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("cells not ranked: 60 characters are too few for a correlation"), r.out());
        assertTrue(!r.out().contains("most interpretable"), r.out());
    }
}
