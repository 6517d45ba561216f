package dev.rnn4j.cli;

import dev.rnn4j.kernel.WeightPrecision;
import dev.rnn4j.lm.CharLmCheckpoint;
import dev.rnn4j.lm.GenerationService;
import dev.rnn4j.tool.Chromium;
import dev.rnn4j.tool.CommandRun;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

import static dev.rnn4j.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code serve}'s page ({@code GET /}) in headless Chromium, as a person uses it: the text it streams in is the text
 * {@code sample} prints, the score is {@code /v1/score}'s, an error shows as its one line, and the console stays
 * clean. Needs Chromium, which CI installs (there a missing browser fails instead of skipping).
 */
@Timeout(180)
class ServePageTest {
    @TempDir
    static Path tmp;
    private static Path run;
    private static GenerationService service;
    private static ServeHttp endpoints;
    private static Chromium browser;

    @BeforeAll
    static void start() throws Exception {
        Optional<Path> exe = Chromium.find();
        if (exe.isEmpty()) {
            if ("true".equals(System.getenv("CI"))) throw new IllegalStateException("CI=true but chromium is missing");
            return;
        }
        run = CliTest.trainTiny(tmp);
        CharLmCheckpoint.Loaded c = CharLmCheckpoint.loadModel(run);
        service = new GenerationService(c.model(), c.vocabulary(), WeightPrecision.FLOAT32, 4);
        endpoints = new ServeHttp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new CharLmEndpoints(c, service, WeightPrecision.FLOAT32, 5000).endpoints());
        browser = Chromium.launch(exe.get(), tmp.resolve("profile"), 1200, 900);
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (endpoints != null) endpoints.close();
        if (service != null) service.close();
    }

    private static URI page(String query) {
        return URI.create("http://127.0.0.1:" + endpoints.port() + "/?" + query);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Polls {@code expression} until it is a non-empty string (or 30 s pass). */
    private static String await(String expression) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (browser.eval(expression) instanceof String s && !s.isEmpty()) return s;
            Thread.sleep(50);
        }
        throw new AssertionError("the page never gave " + expression);
    }

    @Test
    void thePageStreamsSamplesTextAndScores() throws Exception {
        Assumptions.assumeTrue(browser != null, "chromium is not installed (apt-get install chromium)");
        browser.open(page("prime=" + encode("ROMEO:") + "&length=400&seed=11&temperature=0.9&run=1&text="
                + encode("ROMEO:\nBut soft, what light through yonder window breaks?\n") + "&score=1"));
        await("document.getElementById('out').dataset.done || ''");
        String shown = (String) browser.eval("document.getElementById('out').textContent");
        CommandRun sample = run("sample", "--checkpoint", run.toString(), "--prime", "ROMEO:", "--length", "400",
                "--seed", "11", "--temperature", "0.9");
        assertEquals(0, sample.code(), sample.err());
        assertEquals(sample.out().substring(0, sample.out().length() - System.lineSeparator().length()), shown);
        assertTrue(((String) browser.eval("document.getElementById('stats').textContent")).contains("400 characters"));
        String loss = await("document.getElementById('scored').dataset.loss || ''");
        assertTrue(Double.parseDouble(loss) > 0, loss);
        assertTrue(((String) browser.eval("document.getElementById('model').textContent")).startsWith("LSTM 1×24"));
        assertEquals(java.util.List.of(), browser.errors(), "no console errors");
    }

    @Test
    void aServerWithAnApiKeyAsksForItAndTakesIt() throws Exception {
        Assumptions.assumeTrue(browser != null, "chromium is not installed (apt-get install chromium)");
        CharLmCheckpoint.Loaded c = CharLmCheckpoint.loadModel(run);
        try (ServeHttp keyed = new ServeHttp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new CharLmEndpoints(c, service, WeightPrecision.FLOAT32, 5000).endpoints(), "s3cret")) {
            browser.open(URI.create("http://127.0.0.1:" + keyed.port() + "/"));
            String asked = await("(document.querySelector('#model .error') || {}).textContent || ''");
            assertTrue(asked.contains("needs its API key"), asked);
            browser.eval("const k = document.getElementById('key'); k.value = 's3cret';"
                    + " k.dispatchEvent(new Event('change')); ''");
            String described = await("document.querySelector('#model .error') ? '' "
                    + ": document.getElementById('model').textContent");
            assertTrue(described.startsWith("LSTM 1×24"), described);
        }
    }

    @Test
    void aWrongRequestShowsItsLine() throws Exception {
        Assumptions.assumeTrue(browser != null, "chromium is not installed (apt-get install chromium)");
        browser.open(page("prime=" + encode("한") + "&length=10&run=1"));
        String error = await("(document.querySelector('#out .error') || {}).textContent || ''");
        assertTrue(error.contains("never saw: '한' (U+D55C)"), error);
    }
}
