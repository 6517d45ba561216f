package dev.rnn4j.cli;

import dev.rnn4j.kernel.WeightPrecision;
import dev.rnn4j.lm.CharLmCheckpoint;
import dev.rnn4j.lm.GenerationService;
import dev.rnn4j.tool.ThreadsOption;
import dev.rnn4j.tool.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./rnn4j serve}: a character model behind HTTP ({@link ServeEndpoints}), every running request generated
 * together ({@link GenerationService}). Listens on 127.0.0.1 unless told otherwise; Ctrl-C stops it.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve a character model over HTTP: generate and score, many requests stepped together.",
                "POST /v1/generate and /v1/score take JSON (sample's and eval's options); GET /v1/model, /health."})
final class ServeCommand implements Runnable {
    @Option(names = "--checkpoint", required = true, paramLabel = "DIR",
            description = "a run directory (uses its latest checkpoint) or a checkpoint directory")
    Path checkpoint;
    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "address to listen on; 0.0.0.0 opens it to the network (default: ${DEFAULT-VALUE})")
    String host;
    @Option(names = "--port", defaultValue = "8080", description = "port to listen on, 0 = any free one "
            + "(default: ${DEFAULT-VALUE})")
    int port;
    @Option(names = "--max-streams", paramLabel = "N", defaultValue = "64",
            description = "requests generated together; more wait their turn (default: ${DEFAULT-VALUE})")
    int maxStreams;
    @Option(names = "--max-length", paramLabel = "CHARS", defaultValue = "10000",
            description = "the most characters one request may ask for (default: ${DEFAULT-VALUE})")
    int maxLength;
    @Option(names = "--weights", paramLabel = "PRECISION", defaultValue = "float32",
            description = "weights to generate and score with: float32, bf16 or int8, as sample --weights "
                    + "(default: ${DEFAULT-VALUE})")
    String weights;
    @Mixin
    ThreadsOption threads = new ThreadsOption();

    @Override
    public void run() {
        InputChecks.atLeast("--port", port, 0);
        if (port > 65535) throw new UserError("--port must be at most 65535, got " + port);
        InputChecks.atLeast("--max-streams", maxStreams, 1);
        InputChecks.atLeast("--max-length", maxLength, 1);
        InputChecks.oneOf("--weights", weights, SampleCommand.PRECISIONS);
        threads.apply();
        CharLmCheckpoint.Loaded c = CharLmCheckpoint.loadModel(checkpoint);
        WeightPrecision precision = WeightPrecision.parse(weights);
        GenerationService service;
        try {
            service = new GenerationService(c.model(), c.vocabulary(), precision, maxStreams);
        } catch (IllegalArgumentException e) {
            throw new UserError("--weights " + weights + ": " + e.getMessage());
        }
        ServeEndpoints endpoints;
        try {
            endpoints = new ServeEndpoints(new InetSocketAddress(host, port), c, service, precision, maxLength);
        } catch (BindException e) {
            service.close();
            throw new UserError("cannot listen on " + host + ":" + port + " (" + e.getMessage()
                    + "): choose another --port, or stop what holds it");
        } catch (IOException e) {
            service.close();
            throw new UserError("cannot listen on " + host + ":" + port + ": " + e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            endpoints.close();
            service.close();
            stopped.countDown();
        }));
        String base = "http://" + host + ":" + endpoints.port();
        System.out.printf("serving %s (%s, vocabulary %d, %s weights) at %s, up to %d requests together%n",
                c.dir(), c.model().config().cell().name().toLowerCase(java.util.Locale.ROOT) + " "
                        + c.model().config().numLayers() + "x" + c.model().config().hiddenSize(),
                c.vocabulary().size(), precision.label(), base, maxStreams);
        System.out.printf("try: curl -s %s/v1/generate -d '{\"length\": 200}'%n", base);
        System.out.println("Ctrl-C stops the server");
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
