package dev.rnn4j.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.rnn4j.io.Json;
import dev.rnn4j.kernel.WeightPrecision;
import dev.rnn4j.lm.CharLmCheckpoint;
import dev.rnn4j.lm.CharLmConfig;
import dev.rnn4j.lm.Evaluation;
import dev.rnn4j.lm.GenerationService;
import dev.rnn4j.lm.SamplingConfig;
import dev.rnn4j.lm.TrainConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HTTP side of {@code ./rnn4j serve}: JSON in, JSON (or streamed text) out, over one {@link GenerationService}.
 *
 * <pre>
 *   GET  /              a page to try the model in a browser (playground.html)
 *   GET  /health        {"status":"ok","running":..,"waiting":..,"characters_generated":..}
 *   GET  /v1/model      the model's shape, vocabulary, weights and the server's limits
 *   POST /v1/generate   {"prime","length","temperature","top_k","top_p","seed","greedy","stream"}: sample's options
 *   POST /v1/score      {"text", "batch_size", "seq_length"}: eval --json's fields for that text
 * </pre>
 *
 * A request that is wrong gets status 400 (404, 405, 413) and {@code {"error": "..."}} naming the problem and the fix.
 * Handler threads are virtual and only wait: the model is the service's engine thread's alone.
 */
final class ServeEndpoints implements AutoCloseable {
    /** The most a request body may hold (a text to score, a long prime). */
    static final int MAX_BODY_BYTES = 8 << 20;
    private static final List<String> GENERATE_KEYS =
            List.of("prime", "length", "temperature", "top_k", "top_p", "seed", "greedy", "stream");
    private static final List<String> SCORE_KEYS = List.of("text", "batch_size", "seq_length");
    private static final String ENDPOINTS = "GET /, GET /health, GET /v1/model, POST /v1/generate, POST /v1/score";
    /** How long a whole-text request may wait for its text before the server gives up on it. */
    private static final Duration TEXT_WAIT = Duration.ofMinutes(30);

    private final CharLmCheckpoint.Loaded checkpoint;
    private final GenerationService service;
    private final WeightPrecision precision;
    private final int maxLength;
    private final HttpServer server;
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    /** {@code GET /}: a page to try the model in a browser (generate as it streams, score a text). */
    private final byte[] playground;

    /** A failed request: its status and the message for the client. */
    private static final class BadRequest extends RuntimeException {
        final int status;

        BadRequest(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    ServeEndpoints(InetSocketAddress address, CharLmCheckpoint.Loaded checkpoint, GenerationService service,
                   WeightPrecision precision, int maxLength) throws IOException {
        this.checkpoint = checkpoint;
        this.service = service;
        this.precision = precision;
        this.maxLength = maxLength;
        try (InputStream page = ServeEndpoints.class.getResourceAsStream("playground.html")) {
            if (page == null) throw new IllegalStateException("playground.html is missing from the jar");
            this.playground = page.readAllBytes();
        }
        this.server = HttpServer.create(address, 64);
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    int port() { return server.getAddress().getPort(); }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                route(exchange);
            } catch (BadRequest e) {
                respond(exchange, e.status, Map.of("error", e.getMessage()));
            } catch (IllegalArgumentException e) {
                respond(exchange, 400, Map.of("error", e.getMessage()));
            } catch (IllegalStateException e) {
                respond(exchange, 503, Map.of("error", e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                respond(exchange, 503, Map.of("error", "the server is stopping"));
            }
        } catch (IOException e) {
            // the client went away: nothing left to tell it
        }
    }

    private void route(HttpExchange exchange) throws IOException, InterruptedException {
        String path = exchange.getRequestURI().getPath();
        switch (path) {
            case "/" -> {
                requireMethod(exchange, "GET");
                respond(exchange, 200, "text/html; charset=utf-8", playground);
            }
            case "/health" -> {
                requireMethod(exchange, "GET");
                respond(exchange, 200, health());
            }
            case "/v1/model" -> {
                requireMethod(exchange, "GET");
                respond(exchange, 200, modelInfo());
            }
            case "/v1/generate" -> {
                requireMethod(exchange, "POST");
                generate(exchange, body(exchange, GENERATE_KEYS));
            }
            case "/v1/score" -> {
                requireMethod(exchange, "POST");
                respond(exchange, 200, score(body(exchange, SCORE_KEYS)));
            }
            default -> throw new BadRequest(404, "no endpoint " + path + "; the endpoints are " + ENDPOINTS);
        }
    }

    private Map<String, Object> health() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "ok");
        m.put("running", service.running());
        m.put("waiting", service.waiting());
        m.put("characters_generated", service.charactersGenerated());
        return m;
    }

    private Map<String, Object> modelInfo() {
        CharLmConfig c = checkpoint.model().config();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("checkpoint", checkpoint.dir().toString());
        m.put("data", checkpoint.dataName());
        m.put("cell", c.cell().name().toLowerCase(Locale.ROOT));
        m.put("layers", c.numLayers());
        m.put("hidden_size", c.hiddenSize());
        m.put("embedding_size", c.embeddingSize());
        m.put("proj_size", c.projSize());
        m.put("vocabulary", checkpoint.vocabulary().size());
        m.put("weights", precision.label());
        m.put("max_streams", service.maxStreams());
        m.put("max_length", maxLength);
        return m;
    }

    /** {@code POST /v1/generate}: the text at once as JSON, or with {@code "stream": true} as it is made. */
    private void generate(HttpExchange exchange, Map<String, Object> body) throws IOException, InterruptedException {
        String prime = string(body, "prime", "");
        int length = (int) integer(body, "length", 500, 0, maxLength,
                "; ask for less, or start the server with a larger --max-length");
        double temperature = number(body, "temperature", 0.8);
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new BadRequest(400, "temperature must be a number of at least 0 (0 = greedy), got " + temperature);
        }
        int topK = (int) integer(body, "top_k", 0, 0, Integer.MAX_VALUE, "");
        double topP = number(body, "top_p", 1.0);
        if (!(topP > 0 && topP <= 1)) throw new BadRequest(400, "top_p must be in (0, 1], got " + topP);
        long seed = integer(body, "seed", 1, Long.MIN_VALUE, Long.MAX_VALUE, "");
        boolean greedy = bool(body, "greedy", false) || temperature == 0;   // as sample --temperature 0
        boolean stream = bool(body, "stream", false);
        SamplingConfig sampling = new SamplingConfig(greedy ? 1 : temperature, topK, topP, greedy);
        long start = System.nanoTime();
        GenerationService.Generation g = service.submit(new GenerationService.Request(prime, length, sampling, seed));
        if (stream) {
            streamText(exchange, g);
            return;
        }
        String completion;
        try {
            completion = g.text(TEXT_WAIT);
        } catch (java.util.concurrent.TimeoutException e) {
            g.cancel();
            throw new BadRequest(503, e.getMessage());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("prime", prime);
        m.put("completion", completion);
        m.put("characters", length);
        m.put("seed", seed);
        m.put("seconds", Math.round((System.nanoTime() - start) / 1e6) / 1e3);
        respond(exchange, 200, m);
    }

    /** The completion as chunked UTF-8 text, each piece sent as it comes; a client that leaves cancels it. */
    private static void streamText(HttpExchange exchange, GenerationService.Generation g)
            throws IOException, InterruptedException {
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        try {
            for (String piece; (piece = g.next(Duration.ofSeconds(1))) != null; ) {
                if (piece.isEmpty()) continue;
                out.write(piece.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException | IllegalStateException e) {
            g.cancel();       // the client went away, or the service stopped: the status line is already sent
            return;
        }
        out.close();
    }

    /** {@code POST /v1/score}: what {@code eval --data FILE --json} prints for a file holding the text. */
    private Map<String, Object> score(Map<String, Object> body) throws InterruptedException {
        if (!body.containsKey("text")) throw new BadRequest(400, "missing key text: the text to score");
        EvalCommand.KnownText known = EvalCommand.KnownText.of(checkpoint.vocabulary(), string(body, "text", ""));
        if (known.tokens().length < 2) {
            throw new BadRequest(400, "the text has " + known.tokens().length + " character"
                    + (known.tokens().length == 1 ? "" : "s") + " the model knows"
                    + (known.unknownCount() > 0 ? " (" + known.unknownCount() + " unknown)" : "")
                    + "; scoring needs at least 2");
        }
        TrainConfig trained = checkpoint.trainConfig();
        int streams = (int) integer(body, "batch_size", trained != null ? trained.batchSize() : 32, 1, 1 << 16, "");
        int chunk = (int) integer(body, "seq_length", trained != null ? trained.seqLength() : 100, 1, 1 << 20, "");
        int[] tokens = known.tokens();
        double nats;
        try {
            nats = service.onModel(model -> precision == WeightPrecision.FLOAT32
                    ? Evaluation.meanLoss(model, tokens, streams, chunk, () -> {})
                    : Evaluation.meanLoss(service.inference(), tokens, streams, chunk)).get();
        } catch (ExecutionException e) {
            throw new BadRequest(500, "scoring failed: " + e.getCause());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("weights", precision.label());
        m.put("characters", tokens.length);
        m.put("predictions", Evaluation.predictions(tokens.length, streams, chunk));
        m.put("unknown", known.unknownCount());
        m.put("loss", nats);
        m.put("bits_per_char", nats / Math.log(2));
        m.put("perplexity", Math.exp(nats));
        return m;
    }

    private static void requireMethod(HttpExchange exchange, String method) {
        if (!exchange.getRequestMethod().equals(method)) {
            throw new BadRequest(405, exchange.getRequestURI().getPath() + " takes " + method + ", got "
                    + exchange.getRequestMethod());
        }
    }

    /** The request's JSON object, read whole (at most MAX_BODY_BYTES), strict UTF-8, only the keys allowed. */
    private static Map<String, Object> body(HttpExchange exchange, List<String> keys) throws IOException {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new BadRequest(413, "the request body is over " + (MAX_BODY_BYTES >> 20) + " MiB; send less text");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new BadRequest(400, "the request body is not valid UTF-8; send JSON in UTF-8");
        }
        Map<String, Object> body;
        try {
            body = Json.parseObject(text.isBlank() ? "{}" : text);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(400, "the request body is not a JSON object: " + e.getMessage());
        }
        for (String key : body.keySet()) {
            if (!keys.contains(key)) {
                throw new BadRequest(400, "unknown key '" + key + "'; the keys here are " + String.join(", ", keys));
            }
        }
        return body;
    }

    private static String string(Map<String, Object> m, String key, String fallback) {
        if (!m.containsKey(key)) return fallback;
        if (m.get(key) instanceof String s) return s;
        throw new BadRequest(400, key + " must be a string");
    }

    private static double number(Map<String, Object> m, String key, double fallback) {
        if (!m.containsKey(key)) return fallback;
        if (m.get(key) instanceof Number n) return n.doubleValue();
        throw new BadRequest(400, key + " must be a number");
    }

    private static boolean bool(Map<String, Object> m, String key, boolean fallback) {
        if (!m.containsKey(key)) return fallback;
        if (m.get(key) instanceof Boolean b) return b;
        throw new BadRequest(400, key + " must be true or false");
    }

    private static long integer(Map<String, Object> m, String key, long fallback, long min, long max, String fix) {
        if (!m.containsKey(key)) return fallback;
        if (!(m.get(key) instanceof Long v)) throw new BadRequest(400, key + " must be a whole number");
        if (v < min || v > max) {
            throw new BadRequest(400, key + " must be in [" + min + ", " + max + "], got " + v + fix);
        }
        return v;
    }

    private static void respond(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        respond(exchange, status, "application/json; charset=utf-8",
                (Json.write(body) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void respond(HttpExchange exchange, int status, String type, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
