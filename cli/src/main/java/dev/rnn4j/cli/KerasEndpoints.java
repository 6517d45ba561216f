package dev.rnn4j.cli;

import com.sun.net.httpserver.HttpExchange;

import dev.rnn4j.cli.ServeHttp.BadRequest;
import dev.rnn4j.cli.ServeHttp.Endpoint;
import dev.rnn4j.keras.KerasModel;
import dev.rnn4j.keras.Shape;
import dev.rnn4j.keras.SummaryStyle;
import dev.rnn4j.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static dev.rnn4j.cli.ServeHttp.respond;

/**
 * What {@code ./rnn4j serve --keras FILE} answers ({@link ServeHttp} carries the requests): a Keras model file's
 * {@code predict}, the numbers of {@code ./rnn4j keras predict} for the same rows.
 *
 * <pre>
 *   GET  /health        {"status":"ok","predictions":..}
 *   GET  /v1/model      the file, its inputs' shapes and the summary Keras prints
 *   POST /v1/predict    {"x": rows} (one input) or {"inputs": [encoder rows, decoder rows]}, "batch_size":
 *                       {"outputs": rows, "shape": [...]}
 * </pre>
 *
 * A model serves one request at a time (its layers keep their work arrays); each request's rows are predicted in
 * batches as {@code keras predict} does.
 */
final class KerasEndpoints {
    private static final List<String> PREDICT_KEYS = List.of("x", "inputs", "batch_size");

    private final Path file;
    private final KerasModel model;
    private final AtomicLong predicted = new AtomicLong();

    KerasEndpoints(Path file, KerasModel model) {
        this.file = file;
        this.model = model;
    }

    List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("GET", "/health", e -> respond(e, 200, Map.of("status", "ok", "predictions",
                        predicted.get()))),
                new Endpoint("GET", "/v1/model", e -> respond(e, 200, modelInfo())),
                new Endpoint("POST", "/v1/predict", this::predict));
    }

    private Map<String, Object> modelInfo() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("keras", file.toString());
        m.put("name", model.name());
        m.put("inputs", model.inputShapes().stream().map(Shape::toString).toList());
        m.put("summary", model.summary(SummaryStyle.KERAS3));
        return m;
    }

    private void predict(HttpExchange exchange) throws IOException {
        Map<String, Object> body = ServeHttp.body(exchange, PREDICT_KEYS);
        List<Shape> shapes = model.inputShapes();
        List<Object> given;
        if (body.containsKey("x") == body.containsKey("inputs")) {
            throw new BadRequest(400, "give the rows as \"x\" (a model of one input) or as \"inputs\", a list of "
                    + "one array per input (an encoder-decoder: the encoder's rows, then the decoder's)");
        } else if (body.containsKey("x")) {
            given = new ArrayList<>();
            given.add(body.get("x"));
        } else if (body.get("inputs") instanceof List<?> list) {
            given = new ArrayList<>(list);
        } else {
            throw new BadRequest(400, "inputs must be a list of arrays, one per model input");
        }
        if (given.size() != shapes.size()) {
            throw new BadRequest(400, "this model takes " + shapes.size() + " input" + (shapes.size() == 1 ? "" : "s")
                    + (shapes.size() == 1 ? ": send {\"x\": rows}" : " (the encoder's, then the decoder's)")
                    + ", got " + given.size());
        }
        int batchSize = (int) ServeHttp.integer(body, "batch_size", 32, 1, 1 << 20, "");
        List<Tensor> inputs = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String name = body.containsKey("x") ? "x" : "inputs[" + i + "]";
            Tensor t = JsonArrays.toTensor(given.get(i), name);
            requireFits(t, shapes.get(i), name);
            if (i > 0 && t.size(0) != inputs.getFirst().size(0)) {
                throw new BadRequest(400, name + " has " + t.size(0) + " rows but inputs[0] has "
                        + inputs.getFirst().size(0) + ": give one row per example in each");
            }
            inputs.add(t);
        }
        Tensor y;
        synchronized (model) {
            y = model.predict(inputs, batchSize);
        }
        predicted.addAndGet(y.size(0));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("outputs", JsonArrays.of(y));
        m.put("shape", y.shape());
        respond(exchange, 200, m);
    }

    /** The rule of {@code keras predict}'s files ({@link KerasCommand#fits}). */
    private static void requireFits(Tensor x, Shape expected, String name) {
        if (!KerasCommand.fits(x, expected)) {
            throw new BadRequest(400, name + " has shape " + Arrays.toString(x.shape()) + " but the model takes "
                    + expected + " (batch first)");
        }
    }
}
