package dev.rnn4j.cli;

import dev.rnn4j.io.Json;
import dev.rnn4j.kernel.WeightPrecision;
import dev.rnn4j.lm.CharLmCheckpoint;
import dev.rnn4j.lm.GenerationService;
import dev.rnn4j.tool.CommandRun;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static dev.rnn4j.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code ./rnn4j serve}'s HTTP endpoints on a server started in-process on 127.0.0.1 (any free port), against what
 * {@code sample} and {@code eval} print for the same model, options and text.
 */
@Timeout(180)
class ServeTest {
    @TempDir
    static Path tmp;
    private static Path run;
    private static GenerationService service;
    private static ServeHttp endpoints;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void start() throws Exception {
        run = CliTest.trainTiny(tmp);
        CharLmCheckpoint.Loaded c = CharLmCheckpoint.loadModel(run);
        service = new GenerationService(c.model(), c.vocabulary(), WeightPrecision.FLOAT32, 4);
        endpoints = new ServeHttp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new CharLmEndpoints(c, service, WeightPrecision.FLOAT32, 5000).endpoints());
    }

    @AfterAll
    static void stop() {
        endpoints.close();
        service.close();
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + endpoints.port() + path);
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String sample(String... options) {
        List<String> args = new ArrayList<>(List.of("sample", "--checkpoint", run.toString()));
        args.addAll(List.of(options));
        CommandRun r = run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return r.out().substring(0, r.out().length() - System.lineSeparator().length());   // println's end
    }

    /** Requests sent at once, more than the server steps together: each gets the text sample prints. */
    @Test
    void concurrentRequestsGetSamplesText() throws Exception {
        List<String[]> cases = List.of(
                new String[] {"{\"prime\": \"ROMEO:\", \"length\": 80, \"seed\": 3}", "--prime", "ROMEO:", "--length",
                        "80", "--seed", "3"},
                new String[] {"{\"length\": 40, \"temperature\": 1.3, \"top_k\": 5, \"seed\": 9}", "--prime", "",
                        "--length", "40", "--temperature", "1.3", "--top-k", "5", "--seed", "9"},
                new String[] {"{\"prime\": \"But \", \"length\": 60, \"top_p\": 0.7}", "--prime", "But ", "--length",
                        "60", "--top-p", "0.7"},
                new String[] {"{\"prime\": \"O\", \"length\": 30, \"temperature\": 0}", "--prime", "O", "--length",
                        "30", "--greedy"},
                new String[] {"{\"prime\": \"ROMEO:\", \"length\": 120, \"seed\": 4}", "--prime", "ROMEO:",
                        "--length", "120", "--seed", "4"},
                new String[] {"{\"prime\": \"\\n\", \"length\": 1, \"seed\": 5}", "--prime", "\n", "--length", "1",
                        "--seed", "5"});
        long before = (Long) Json.parseObject(get("/health").body()).get("characters_generated");
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (String[] c : cases) {
                HttpRequest request = HttpRequest.newBuilder(uri("/v1/generate")).timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString(c[0])).build();
                answers.add(HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
            }
        }
        for (int i = 0; i < answers.size(); i++) {
            String[] c = cases.get(i % cases.size());
            HttpResponse<String> r = answers.get(i).get();
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
            Map<String, Object> m = Json.parseObject(r.body());
            String expected = sample(java.util.Arrays.copyOfRange(c, 1, c.length));
            assertEquals(expected, m.get("prime") + (String) m.get("completion"), c[0]);
        }
        Map<String, Object> health = Json.parseObject(get("/health").body());
        assertEquals("ok", health.get("status"));
        assertEquals(before + 2L * (80 + 40 + 60 + 30 + 120 + 1), health.get("characters_generated"));
    }

    /** With "stream": true the completion comes as chunked text, the same characters. */
    @Test
    void streamedTextIsTheSameText() throws Exception {
        HttpResponse<InputStream> r = HTTP.send(HttpRequest.newBuilder(uri("/v1/generate"))
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"prime\": \"ROMEO:\", \"length\": 300, \"seed\": 11, \"stream\": true}")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        assertEquals("text/plain; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
        String streamed;
        try (InputStream in = r.body()) {
            streamed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(sample("--prime", "ROMEO:", "--length", "300", "--seed", "11"), "ROMEO:" + streamed);
    }

    /** /v1/score gives eval --json's loss for the same text; /v1/model describes what is served. */
    @Test
    void scoreIsEvalsAndModelDescribesItself() throws Exception {
        String text = "ROMEO:\nBut soft, what light through yonder window breaks?\nIt is the east.\n";
        Path file = Files.writeString(tmp.resolve("score.txt"), text);
        CommandRun eval = run("eval", "--checkpoint", run.toString(), "--data", file.toString(), "--json");
        assertEquals(0, eval.code(), eval.err());
        Map<String, Object> expected = Json.parseObject(eval.out().strip());
        HttpResponse<String> r = post("/v1/score", Json.write(Map.of("text", text)));
        assertEquals(200, r.statusCode(), r.body());
        Map<String, Object> scored = Json.parseObject(r.body());
        for (String key : List.of("characters", "predictions", "unknown")) {
            assertEquals(expected.get(key), scored.get(key), key);
        }
        assertEquals(Json.getDouble(expected, "loss"), Json.getDouble(scored, "loss"), 5e-7, r.body());
        assertEquals(Json.getDouble(expected, "bits_per_char"), Json.getDouble(scored, "bits_per_char"), 5e-7);

        Map<String, Object> model = Json.parseObject(get("/v1/model").body());
        assertEquals("lstm", model.get("cell"));
        assertEquals(24L, model.get("hidden_size"));
        assertEquals(4L, model.get("max_streams"));
        assertEquals("float32", model.get("weights"));
    }

    /** Each wrong request gets its status and one message naming the problem and the fix; the server goes on. */
    @Test
    void badRequestsAreAnsweredByName() throws Exception {
        String[][] cases = {
            {"/v1/generate", "{\"temp\": 1}", "400", "unknown key 'temp'; the keys here are prime, length"},
            {"/v1/generate", "{\"length\": 5001}", "400", "larger --max-length"},
            {"/v1/generate", "{\"length\": 2.5}", "400", "length must be a whole number"},
            {"/v1/generate", "{\"prime\": \"한\"}", "400", "never saw: '한' (U+D55C)"},
            {"/v1/generate", "{\"top_p\": 0}", "400", "top_p must be in (0, 1]"},
            {"/v1/generate", "{\"temperature\": -1}", "400", "temperature must be a number of at least 0"},
            {"/v1/generate", "[1, 2]", "400", "not a JSON object"},
            {"/v1/generate", "{\"stream\": \"yes\"}", "400", "stream must be true or false"},
            {"/v1/score", "{}", "400", "missing key text"},
            {"/v1/score", "{\"text\": \"한국\"}", "400", "0 characters the model knows (2 unknown)"},
            {"/v1/scores", "{}", "404", "no endpoint /v1/scores; the endpoints are GET /, GET /health"},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = post(c[0], c[1]);
            assertEquals(Integer.parseInt(c[2]), r.statusCode(), c[1] + " -> " + r.body());
            String error = (String) Json.parseObject(r.body()).get("error");
            assertTrue(error.contains(c[3]), c[1] + " -> " + error);
        }
        HttpResponse<String> wrongMethod = get("/v1/generate");
        assertEquals(405, wrongMethod.statusCode());
        assertTrue(wrongMethod.body().contains("/v1/generate takes POST, got GET"), wrongMethod.body());
        HttpResponse<String> notUtf8 = HTTP.send(HttpRequest.newBuilder(uri("/v1/generate"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'{', (byte) 0xff, '}'})).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, notUtf8.statusCode());
        assertTrue(notUtf8.body().contains("not valid UTF-8"), notUtf8.body());
        HttpResponse<String> tooBig = HTTP.send(HttpRequest.newBuilder(uri("/v1/score"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[ServeHttp.MAX_BODY_BYTES + 1])).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, tooBig.statusCode());
        assertEquals(200, post("/v1/generate", "{\"length\": 5}").statusCode(), "and the server goes on");
    }

    /** A streaming client that hangs up mid-way frees its stream: a full server still serves the next ones. */
    @Test
    void aClientThatLeavesFreesItsStream() throws Exception {
        for (int i = 0; i < 6; i++) {      // more than the server's 4 streams, each left after its first piece
            HttpResponse<InputStream> r = HTTP.send(HttpRequest.newBuilder(uri("/v1/generate"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"length\": 5000, \"stream\": true}")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                assertTrue(in.read() >= 0);
            }
        }
        HttpResponse<String> after = post("/v1/generate", "{\"length\": 20, \"seed\": 2}");
        assertEquals(200, after.statusCode(), after.body());
        assertEquals(sample("--prime", "", "--length", "20", "--seed", "2"),
                "" + Json.parseObject(after.body()).get("completion"));
    }

    /** With an API key, every /v1/ request needs it (Authorization: Bearer KEY); /health and the page do not. */
    @Test
    void anApiKeyGuardsTheV1Endpoints() throws Exception {
        CharLmCheckpoint.Loaded c = CharLmCheckpoint.loadModel(run);
        try (ServeHttp keyed = new ServeHttp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new CharLmEndpoints(c, service, WeightPrecision.FLOAT32, 5000).endpoints(), "s3cret")) {
            String base = "http://127.0.0.1:" + keyed.port();
            HttpRequest.Builder generate = HttpRequest.newBuilder(URI.create(base + "/v1/generate"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"length\": 20, \"seed\": 2}"));
            HttpResponse<String> none = HTTP.send(generate.build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, none.statusCode());
            assertEquals("Bearer", none.headers().firstValue("WWW-Authenticate").orElse(""));
            assertTrue(none.body().contains("send the header Authorization: Bearer KEY"), none.body());
            HttpResponse<String> wrong = HTTP.send(generate.copy().header("Authorization", "Bearer s3cre").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, wrong.statusCode());
            assertTrue(wrong.body().contains("not this server's"), wrong.body());
            HttpResponse<String> right = HTTP.send(generate.copy().header("Authorization", "Bearer s3cret").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, right.statusCode(), right.body());
            assertEquals(sample("--prime", "", "--length", "20", "--seed", "2"),
                    "" + Json.parseObject(right.body()).get("completion"));
            for (String open : List.of("/health", "/")) {
                assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create(base + open)).GET().build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode(), open);
            }
        }
        CommandRun empty = run("serve", "--checkpoint", run.toString(), "--api-key", " ");
        assertEquals(2, empty.code());
        assertTrue(empty.err().contains("--api-key is empty"), empty.err());
    }

    @Test
    void badFlagsGetOneLine() {
        CommandRun port = run("serve", "--checkpoint", run.toString(), "--port", "70000");
        assertEquals(2, port.code());
        assertTrue(port.err().contains("--port must be at most 65535"), port.err());
        CommandRun streams = run("serve", "--checkpoint", run.toString(), "--max-streams", "0");
        assertEquals(2, streams.code());
        assertTrue(streams.err().contains("--max-streams"), streams.err());
        CommandRun missing = run("serve", "--checkpoint", tmp.resolve("nope").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no such checkpoint directory"), missing.err());
        CommandRun busy = run("serve", "--checkpoint", run.toString(), "--port", String.valueOf(endpoints.port()));
        assertEquals(2, busy.code());
        assertTrue(busy.err().contains("choose another --port"), busy.err());
    }
}
