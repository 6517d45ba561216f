package dev.rnn4j.cli;

import com.sun.net.httpserver.HttpExchange;

import dev.rnn4j.cli.ServeHttp.BadRequest;
import dev.rnn4j.cli.ServeHttp.Endpoint;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static dev.rnn4j.cli.ServeHttp.bool;
import static dev.rnn4j.cli.ServeHttp.integer;
import static dev.rnn4j.cli.ServeHttp.number;
import static dev.rnn4j.cli.ServeHttp.respond;
import static dev.rnn4j.cli.ServeHttp.string;

/**
 * What {@code ./rnn4j serve --checkpoint DIR} answers ({@link ServeHttp} carries the requests): a character model's
 * generation and scoring over one {@link GenerationService}.
 *
 * <pre>
 *   GET  /              a page to try the model in a browser (playground.html)
 *   GET  /health        {"status":"ok","running":..,"waiting":..,"characters_generated":..}
 *   GET  /v1/model      the model's shape, vocabulary, weights and the server's limits
 *   POST /v1/generate   {"prime","length","temperature","top_k","top_p","seed","greedy","stream"}: sample's options
 *   POST /v1/score      {"text", "batch_size", "seq_length"}: eval --json's fields for that text
 * </pre>
 *
 * Handler threads only wait: the model is the service's engine thread's alone.
 */
final class CharLmEndpoints {
    private static final List<String> GENERATE_KEYS =
            List.of("prime", "length", "temperature", "top_k", "top_p", "seed", "greedy", "stream");
    private static final List<String> SCORE_KEYS = List.of("text", "batch_size", "seq_length");
    /** How long a whole-text request may wait for its text before the server gives up on it. */
    private static final Duration TEXT_WAIT = Duration.ofMinutes(30);

    private final CharLmCheckpoint.Loaded checkpoint;
    private final GenerationService service;
    private final WeightPrecision precision;
    private final int maxLength;
    /** {@code GET /}: a page to try the model in a browser (generate as it streams, score a text). */
    private final byte[] playground;

    CharLmEndpoints(CharLmCheckpoint.Loaded checkpoint, GenerationService service, WeightPrecision precision,
                    int maxLength) throws IOException {
        this.checkpoint = checkpoint;
        this.service = service;
        this.precision = precision;
        this.maxLength = maxLength;
        try (InputStream page = CharLmEndpoints.class.getResourceAsStream("playground.html")) {
            if (page == null) throw new IllegalStateException("playground.html is missing from the jar");
            this.playground = page.readAllBytes();
        }
    }

    List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("GET", "/", e -> respond(e, 200, "text/html; charset=utf-8", playground)),
                new Endpoint("GET", "/health", e -> respond(e, 200, health())),
                new Endpoint("GET", "/v1/model", e -> respond(e, 200, modelInfo())),
                new Endpoint("POST", "/v1/generate", e -> generate(e, ServeHttp.body(e, GENERATE_KEYS))),
                new Endpoint("POST", "/v1/score", e -> respond(e, 200, score(ServeHttp.body(e, SCORE_KEYS)))));
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
}
