package dev.rnn4j.cli;

import dev.rnn4j.keras.KerasModel;
import dev.rnn4j.keras.io.KerasModels;
import dev.rnn4j.kernel.WeightPrecision;
import dev.rnn4j.lm.CharLmCheckpoint;
import dev.rnn4j.lm.CharLmConfig;
import dev.rnn4j.lm.GenerationService;
import dev.rnn4j.tool.InputFiles;
import dev.rnn4j.tool.ThreadsOption;
import dev.rnn4j.tool.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * {@code ./rnn4j serve}: a model behind HTTP ({@link ServeHttp}). A character model ({@code --checkpoint}) generates
 * and scores, every running request generated together ({@link GenerationService}, {@link CharLmEndpoints}); a Keras
 * model file ({@code --keras}) predicts ({@link KerasEndpoints}). Listens on 127.0.0.1 unless told otherwise; Ctrl-C
 * stops it.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve a model over HTTP: a character model generates and scores, a Keras model predicts.",
                "--checkpoint DIR: POST /v1/generate and /v1/score (sample's and eval's options), a page at /.",
                "--keras FILE: POST /v1/predict with the rows as JSON. Both: GET /v1/model and /health."})
final class ServeCommand implements Runnable {
    @Option(names = "--checkpoint", paramLabel = "DIR",
            description = "a character model: a run directory (its latest checkpoint) or a checkpoint directory")
    Path checkpoint;
    @Option(names = "--keras", paramLabel = "FILE", description = "a Keras model file (.keras or legacy .h5)")
    Path keras;
    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "address to listen on; 0.0.0.0 opens it to the network (default: ${DEFAULT-VALUE})")
    String host;
    @Option(names = "--port", defaultValue = "8080", description = "port to listen on, 0 = any free one "
            + "(default: ${DEFAULT-VALUE})")
    int port;
    @Option(names = "--max-streams", paramLabel = "N", defaultValue = "64",
            description = "character model: requests generated together; more wait their turn (default: "
                    + "${DEFAULT-VALUE})")
    int maxStreams;
    @Option(names = "--max-length", paramLabel = "CHARS", defaultValue = "10000",
            description = "character model: the most characters one request may ask for (default: ${DEFAULT-VALUE})")
    int maxLength;
    @Option(names = "--weights", paramLabel = "PRECISION",
            description = "character model: weights to generate and score with, float32 (default), bf16 or int8, "
                    + "as sample --weights")
    String weights;
    @Option(names = "--api-key", paramLabel = "KEY", description = "require Authorization: Bearer KEY on every /v1/ "
            + "request (default: the environment's RNN4J_API_KEY, else none)")
    String apiKey;
    @Mixin
    ThreadsOption threads = new ThreadsOption();

    @Override
    public void run() {
        if ((checkpoint == null) == (keras == null)) {
            throw new UserError("give one model: --checkpoint DIR (a character model) or --keras FILE (a Keras model "
                    + "file)" + (checkpoint != null ? ", not both" : ""));
        }
        InputChecks.atLeast("--port", port, 0);
        if (port > 65535) throw new UserError("--port must be at most 65535, got " + port);
        InputChecks.atLeast("--max-streams", maxStreams, 1);
        InputChecks.atLeast("--max-length", maxLength, 1);
        if (weights != null) {
            if (keras != null) {
                throw new UserError("--weights is for character models (a Keras model runs in float32): "
                        + "drop --weights");
            }
            InputChecks.oneOf("--weights", weights, SampleCommand.PRECISIONS);
        }
        String key = apiKey != null ? apiKey : System.getenv("RNN4J_API_KEY");
        if (key != null && key.isBlank()) {
            throw new UserError("--api-key is empty: give the key clients must send, or leave it out for none");
        }
        threads.apply();
        List<AutoCloseable> engines = new ArrayList<>();
        Served served = checkpoint != null ? characterModel(engines) : kerasModel();
        ServeHttp http = listen(served.endpoints(), key, engines);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            http.close();
            closeAll(engines);
            stopped.countDown();
        }));
        String base = "http://" + host + ":" + http.port();
        System.out.printf("serving %s at %s%n", served.description(), base);
        System.out.println(checkpoint != null
                ? "open " + base + "/ in a browser, or: curl -s " + base + "/v1/generate -d '{\"length\": 200}'"
                : "try: curl -s " + base + "/v1/model");
        if (key != null) System.out.println("the /v1/ endpoints need the header Authorization: Bearer <the API key>");
        System.out.println("Ctrl-C stops the server");
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What is served: its routes, and a line saying what it is. */
    private record Served(List<ServeHttp.Endpoint> endpoints, String description) {}

    /** --checkpoint: its generation service (added to {@code engines}, to stop with the server) and its routes. */
    private Served characterModel(List<AutoCloseable> engines) {
        CharLmCheckpoint.Loaded c = CharLmCheckpoint.loadModel(checkpoint);
        WeightPrecision precision = WeightPrecision.parse(weights == null ? "float32" : weights);
        GenerationService service;
        try {
            service = new GenerationService(c.model(), c.vocabulary(), precision, maxStreams);
        } catch (IllegalArgumentException e) {
            throw new UserError("--weights " + weights + ": " + e.getMessage());
        }
        engines.add(service);
        List<ServeHttp.Endpoint> endpoints;
        try {
            endpoints = new CharLmEndpoints(c, service, precision, maxLength).endpoints();
        } catch (IOException e) {
            service.close();
            throw new UncheckedIOException(e);
        }
        CharLmConfig config = c.model().config();
        return new Served(endpoints, String.format(Locale.ROOT, "%s (%s %dx%d, vocabulary %d, %s weights; up to %d "
                        + "requests together)", c.dir(), config.cell().name().toLowerCase(Locale.ROOT),
                config.numLayers(), config.hiddenSize(), c.vocabulary().size(), precision.label(), maxStreams));
    }

    /** --keras: the file's model and its routes. */
    private Served kerasModel() {
        InputFiles.requireReadable("--keras", keras);
        KerasModel model = KerasModels.loadModel(keras);
        return new Served(new KerasEndpoints(keras, model).endpoints(), keras + " (" + model.name() + ", input"
                + (model.inputShapes().size() == 1 ? " " : "s ")
                + model.inputShapes().stream().map(Object::toString).collect(Collectors.joining(" and ")) + ")");
    }

    /** The server on --host:--port; a port in use or an address that cannot be had is one line. */
    private ServeHttp listen(List<ServeHttp.Endpoint> endpoints, String key, List<AutoCloseable> engines) {
        try {
            return new ServeHttp(new InetSocketAddress(host, port), endpoints, key);
        } catch (BindException e) {
            closeAll(engines);
            throw new UserError("cannot listen on " + host + ":" + port + " (" + e.getMessage()
                    + "): choose another --port, or stop what holds it");
        } catch (IOException e) {
            closeAll(engines);
            throw new UserError("cannot listen on " + host + ":" + port + ": " + e.getMessage());
        }
    }

    private static void closeAll(List<AutoCloseable> engines) {
        for (AutoCloseable engine : engines) {
            try {
                engine.close();
            } catch (Exception e) {
                // stopping anyway
            }
        }
    }
}
