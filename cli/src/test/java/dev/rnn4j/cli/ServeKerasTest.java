package dev.rnn4j.cli;

import dev.rnn4j.io.Json;
import dev.rnn4j.io.Npy;
import dev.rnn4j.keras.KerasModel;
import dev.rnn4j.keras.io.KerasModels;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.tool.CommandRun;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.rnn4j.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code ./rnn4j serve --keras FILE} on 127.0.0.1: {@code /v1/predict} gives the numbers {@code keras predict} writes
 * for the same rows, for a one-input model and an encoder-decoder, and wrong rows are answered by name.
 */
@Timeout(120)
class ServeKerasTest {
    private static final Path MODELS = Path.of("../keras/src/test/resources/models");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    @TempDir
    static Path tmp;
    private static ServeHttp imdb, seq2seq;

    @BeforeAll
    static void start() throws Exception {
        imdb = serve("imdb-lstm.keras");
        seq2seq = serve("seq2seq-lstm.keras");
    }

    private static ServeHttp serve(String file) throws Exception {
        Path path = MODELS.resolve(file);
        KerasModel model = KerasModels.loadModel(path);
        return new ServeHttp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new KerasEndpoints(path, model).endpoints());
    }

    @AfterAll
    static void stop() {
        imdb.close();
        seq2seq.close();
    }

    private static HttpResponse<String> post(ServeHttp server, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/predict"))
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The rows of a .npy file as JSON's nested arrays. */
    private static Object rows(String npy) throws Exception {
        return JsonArrays.of(Npy.read(MODELS.resolve(npy)).toTensor());
    }

    /** What {@code keras predict} writes for these inputs. */
    private static Tensor predicted(String model, String... inputs) throws Exception {
        Path out = tmp.resolve(model + ".npy");
        List<String> args = new ArrayList<>(List.of("keras", "predict", MODELS.resolve(model).toString()));
        for (String in : inputs) args.addAll(List.of("--input", MODELS.resolve(in).toString()));
        args.addAll(List.of("--output", out.toString()));
        CommandRun r = run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return Npy.read(out).toTensor();
    }

    private static void assertSameNumbers(Tensor expected, String body) {
        Map<String, Object> m = Json.parseObject(body);
        Tensor served = JsonArrays.toTensor(m.get("outputs"), "outputs");
        assertArrayEquals(expected.shape(), served.shape());
        assertArrayEquals(expected.data(), served.data(), "the very floats keras predict writes");
    }

    @Test
    void predictionsAreKerasPredicts() throws Exception {
        HttpResponse<String> one = post(imdb, Json.write(Map.of("x", rows("x_imdb-lstm.npy"))));
        assertEquals(200, one.statusCode(), one.body());
        assertSameNumbers(predicted("imdb-lstm.keras", "x_imdb-lstm.npy"), one.body());

        HttpResponse<String> two = post(seq2seq, Json.write(Map.of("inputs",
                List.of(rows("x_seq2seq-lstm.npy"), rows("x2_seq2seq-lstm.npy")), "batch_size", 3)));
        assertEquals(200, two.statusCode(), two.body());
        assertSameNumbers(predicted("seq2seq-lstm.keras", "x_seq2seq-lstm.npy", "x2_seq2seq-lstm.npy"), two.body());

        String model = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + seq2seq.port()
                + "/v1/model")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Object> info = Json.parseObject(model);
        assertEquals(2, ((List<?>) info.get("inputs")).size());
        assertTrue(((String) info.get("summary")).contains("Total params"), model);
    }

    @Test
    void wrongRowsAreAnsweredByName() throws Exception {
        String[][] cases = {
            {"{\"x\": [[1, 2, 3]]}", "x has shape [1, 3] but the model takes (None, 100) (batch first)"},
            {"{\"x\": [[1, 2], [3]]}", "x[1] must be an array of 2"},
            {"{\"x\": [[1, \"a\"]]}", "x[0][1] must be a number, got \"a\""},
            {"{\"x\": 5}", "x must be an array of rows"},
            {"{\"x\": []}", "x has an empty array"},
            {"{}", "give the rows as \"x\""},
            {"{\"inputs\": [[[1]], [[2]]]}", "this model takes 1 input"},
            {"{\"x\": [[1]], \"batch_size\": 0}", "batch_size must be in [1, "},
            {"{\"x\": " + tokenRow(100000) + "}", "token ids in [0, 500), got 100000"},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = post(imdb, c[0]);
            assertEquals(400, r.statusCode(), c[0] + " -> " + r.body());
            String error = (String) Json.parseObject(r.body()).get("error");
            assertTrue(error.contains(c[1]), c[0] + " -> " + error);
        }
        HttpResponse<String> missing = post(seq2seq, "{\"inputs\": [" + tokenRows() + "]}");
        assertTrue(missing.body().contains("this model takes 2 inputs (the encoder's, then the decoder's), got 1"),
                missing.body());
        HttpResponse<String> generate = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + imdb.port() + "/v1/generate")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, generate.statusCode());
        assertTrue(generate.body().contains("GET /health, GET /v1/model, POST /v1/predict"), generate.body());
    }

    private static String tokenRow(int last) {
        StringBuilder sb = new StringBuilder("[[");
        for (int i = 0; i < 99; i++) sb.append("1, ");
        return sb.append(last).append("]]").toString();
    }

    private static String tokenRows() throws Exception {
        return Json.write(rows("x_seq2seq-lstm.npy"));
    }

    @Test
    void oneModelAtATimeAndWeightsOnlyForCharacterModels() {
        CommandRun none = run("serve");
        assertEquals(2, none.code());
        assertTrue(none.err().contains("give one model: --checkpoint DIR (a character model) or --keras FILE"),
                none.err());
        CommandRun weights = run("serve", "--keras", MODELS.resolve("imdb-lstm.keras").toString(), "--weights", "int8");
        assertEquals(2, weights.code());
        assertTrue(weights.err().contains("--weights is for character models"), weights.err());
        CommandRun missing = run("serve", "--keras", tmp.resolve("nope.keras").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("nope.keras"), missing.err());
    }
}
