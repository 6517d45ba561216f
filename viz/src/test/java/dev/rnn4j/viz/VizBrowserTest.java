package dev.rnn4j.viz;

import dev.rnn4j.lm.CharLanguageModel;
import dev.rnn4j.lm.CharLmCheckpoint;
import dev.rnn4j.lm.CharLmConfig;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.text.Vocabulary;
import dev.rnn4j.tool.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Opens each viz page in headless Chromium as a person would: it must render without console errors,
 * hovering a character must show the five predictions and the gates, the cell picker and the arrow keys
 * must recolor the text. Screenshots land in {@code target/viz-screenshots}. Skipped, with a message,
 * when Chromium is not installed.
 */
class VizBrowserTest {
    static final String TEXT = ("ROMEO:\nBut, soft! what light (through yonder) window breaks?\n"
            + "\"It is the east,\" and Juliet is the sun.\n\n"
            + "JULIET:\nO Romeo, Romeo! wherefore art thou Romeo?\n").repeat(4);
    static final Path SHOTS = Path.of(System.getProperty("viz.screenshots", "target/viz-screenshots"));

    @TempDir
    static Path tmp;
    static Chromium browser;

    static final String NO_BROWSER =
            "chromium is not installed: the browser checks of the viz pages are skipped "
            + "(install it: apt-get install chromium)";

    @BeforeAll
    static void startBrowser() throws Exception {
        Optional<Path> exe = Chromium.find();
        if (exe.isEmpty()) {
            // CI installs the browser (.ci/run): there a missing one is a failure, not a reason to skip.
            if ("true".equals(System.getenv("CI"))) throw new IllegalStateException("CI=true but " + NO_BROWSER);
            System.err.println("VizBrowserTest: " + NO_BROWSER);
            return;
        }
        browser = Chromium.launch(exe.get(), tmp.resolve("profile"), 1280, 900);
    }

    static void requireBrowser() {
        Assumptions.assumeTrue(browser != null, NO_BROWSER);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) browser.close();
    }

    /** A weights-only checkpoint of an untrained model: enough to exercise every part of the page. */
    static Path checkpoint(Path dir, RecurrentKind kind, int layers) {
        Vocabulary vocab = Vocabulary.of(TEXT + "<>/{}cp");   // room for markup-like text in the escaping test
        CharLanguageModel model = new CharLanguageModel(new CharLmConfig(kind, vocab.size(), 16, layers, 0f, 3));
        Path ckpt = dir.resolve("ckpt-" + kind + layers);
        try {
            Files.createDirectories(ckpt);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        CharLmCheckpoint.writeModel(ckpt.resolve(CharLmCheckpoint.MODEL_FILE), model, vocab, "romeo");
        return ckpt;
    }

    @Test
    void cellsPageHoversAndRecolors() throws Exception {
        requireBrowser();
        Path page = tmp.resolve("cells.html");
        assertEquals(0, VizCli.run("viz", "cells", "--checkpoint", checkpoint(tmp, RecurrentKind.LSTM, 2).toString(),
                "--prime", TEXT, "--out", page.toString()));
        browser.open(page.toUri());
        assertEquals(List.of(), browser.errors(), "console errors");
        assertEquals((long) TEXT.length(), browser.eval("document.querySelectorAll('#text span.ch').length"));

        String colors = "Array.from(document.querySelectorAll('#text span.ch')).map(s => s.style.background).join('|')";
        String before = (String) browser.eval(colors);
        String cellBefore = (String) browser.eval("document.body.dataset.cell");
        browser.press("ArrowRight", 39);
        assertNotEquals(cellBefore, browser.eval("document.body.dataset.cell"),
                "the right arrow moves to the next cell");
        String afterKey = (String) browser.eval(colors);
        assertNotEquals(before, afterKey, "another cell, another coloring");

        String pick = "(() => { const e = document.getElementById('%s'); e.value = %d; "
                + "e.dispatchEvent(new Event('change')); })()";
        browser.eval(pick.formatted("layer", 0));
        browser.eval(pick.formatted("unit", 5));
        assertEquals("0:5", browser.eval("document.body.dataset.cell"));
        String layer0 = (String) browser.eval(colors);
        browser.eval(pick.formatted("layer", 1));
        assertEquals("1:5", browser.eval("document.body.dataset.cell"));
        assertNotEquals(layer0, browser.eval(colors), "the picker recolors the text");

        @SuppressWarnings("unchecked")
        Map<String, Object> box = (Map<String, Object>) browser.eval(
                "(() => { const r = document.querySelectorAll('#text span.ch')[8].getBoundingClientRect();"
                        + " return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()");
        browser.mouseMove(((Number) box.get("x")).doubleValue(), ((Number) box.get("y")).doubleValue());
        assertEquals("block", browser.eval("getComputedStyle(document.getElementById('tip')).display"));
        assertEquals(5L, browser.eval("document.querySelectorAll('#tip table.top5 tr').length"), "top-5 predictions");
        String gates = (String) browser.eval("document.querySelector('#tip .gates').textContent");
        assertTrue(gates.contains("layer 1 cell 5") && gates.contains("f ") && gates.contains("tanh(c)"), gates);
        browser.screenshot(SHOTS.resolve("cells.png"));
        assertEquals(List.of(), browser.errors(), "console errors after interacting");
    }

    @Test
    void gradientsPageDrawsEveryCurve() throws Exception {
        requireBrowser();
        Path page = tmp.resolve("gradients.html");
        assertEquals(0, VizCli.run("viz", "gradients", "--hidden", "8", "--train-steps", "2", "--distance", "12",
                "--samples", "2", "--out", page.toString()));
        browser.open(page.toUri());
        assertEquals(List.of(), browser.errors(), "console errors");
        assertEquals(6L, browser.eval("document.querySelectorAll('#chart path').length"), "3 cells × (init, trained)");
        String sentence = (String) browser.eval("document.getElementById('sentence').textContent");
        assertTrue(sentence.contains("plain RNN") && sentence.contains("LSTM") && sentence.contains("GRU"), sentence);
        browser.screenshot(SHOTS.resolve("gradients.png"));
    }

    @Test
    void trainingPageOverlaysRuns() throws Exception {
        requireBrowser();
        Path a = MetricsFixture.write(tmp.resolve("run-a"), 40, 1.0),
                b = MetricsFixture.write(tmp.resolve("run-b"), 30, 0.8);
        Path page = tmp.resolve("training.html");
        assertEquals(0,
                VizCli.run("viz", "training", "--run", a.toString(), "--run", b.toString(), "--out", page.toString()));
        browser.open(page.toUri());
        assertEquals(List.of(), browser.errors(), "console errors");
        assertEquals(5L, browser.eval("document.querySelectorAll('#plots svg').length"),
                "loss, bpc, lr, grad norm, speed");
        String keys = (String) browser.eval("document.querySelector('.keys').textContent");
        assertTrue(keys.contains("run-a") && keys.contains("run-b"), keys);
        browser.screenshot(SHOTS.resolve("training.png"));

        // against wall time, with PyTorch's quality-script output overlaid
        Path torch = MetricsFixture.writePytorchQuality(tmp.resolve("pytorch.jsonl"), 3);
        assertEquals(0, VizCli.run("viz", "training", "--run", a.toString(), "--run", torch.toString(), "--out",
                page.toString()));
        browser.open(page.toUri());
        assertEquals(List.of(), browser.errors(), "console errors");
        browser.eval("document.getElementById('axis-minutes').click()");
        String labels = (String) browser.eval("document.querySelector('#plots svg').textContent");
        assertTrue(labels.contains("minutes"), labels);
        assertEquals(List.of(), browser.errors(), "console errors after switching the axis");
    }
}
