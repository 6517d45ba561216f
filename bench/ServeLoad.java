import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Load for {@code ./rnn4j serve}: CLIENTS clients at once, each sending REQUESTS generate requests of LENGTH
 * characters one after the other (seeds all different), ROUNDS times; prints each round's aggregate characters per
 * second. A single-file program, no build: {@code java bench/ServeLoad.java http://127.0.0.1:8080 64 1 4000}.
 * Add {@code stream} to have the text streamed.
 */
public final class ServeLoad {
    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: java bench/ServeLoad.java URL CLIENTS REQUESTS LENGTH [stream] [ROUNDS]");
            System.exit(2);
        }
        String url = args[0];
        int clients = Integer.parseInt(args[1]), requests = Integer.parseInt(args[2]);
        int length = Integer.parseInt(args[3]);
        boolean stream = args.length > 4 && args[4].equals("stream");
        int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 3;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        HttpClient http = HttpClient.newBuilder().executor(Executors.newCachedThreadPool()).build();
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            List<Future<Long>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                done.add(pool.submit(() -> {
                    long chars = 0;
                    for (int r = 0; r < requests; r++) {
                        String body = String.format(Locale.ROOT, "{\"prime\": \"\", \"length\": %d, \"seed\": %d%s}",
                                length, client * requests + r, stream ? ", \"stream\": true" : "");
                        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/generate"))
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (answer.statusCode() != 200) throw new IllegalStateException(answer.body());
                        chars += length;
                    }
                    return chars;
                }));
            }
            long chars = 0;
            for (Future<Long> f : done) chars += f.get();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "round %d: %d clients x %d requests x %d chars%s: %.2f s, %.0f chars/s%n",
                    round + 1, clients, requests, length, stream ? " (streamed)" : "", seconds, chars / seconds);
        }
        pool.shutdown();
        System.exit(0);
    }
}
