package dev.rnn4j.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.rnn4j.io.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * The HTTP side of {@code ./rnn4j serve}, whatever it serves: the JDK's server on virtual threads, requests routed
 * by method and path to {@link Endpoint}s, JSON bodies read strictly, and every failure answered as
 * {@code {"error": "..."}} with its status (400 for a wrong request, 401 for a missing or wrong API key, 404 for no
 * such path listing the endpoints, 405 for the wrong method, 413 for a body over {@link #MAX_BODY_BYTES}).
 *
 * <pre>{@code
 * ServeHttp http = new ServeHttp(address, List.of(new ServeHttp.Endpoint("GET", "/health", e -> ...)));
 * }</pre>
 */
final class ServeHttp implements AutoCloseable {
    /** The most a request body may hold (a text to score, a long prime, a batch of inputs). */
    static final int MAX_BODY_BYTES = 8 << 20;

    /** Answers one request; throws {@link BadRequest} (or IllegalArgumentException: 400) for a wrong one. */
    @FunctionalInterface
    interface Route {
        void handle(HttpExchange exchange) throws IOException, InterruptedException;
    }

    record Endpoint(String method, String path, Route route) {}

    /** A failed request: its status and the message for the client. */
    static final class BadRequest extends RuntimeException {
        final int status;

        BadRequest(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private final List<Endpoint> endpoints;
    /** With a key, every /v1/ request must carry {@code Authorization: Bearer KEY}; null: none needed. */
    private final byte[] apiKey;
    private final HttpServer server;
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();

    ServeHttp(InetSocketAddress address, List<Endpoint> endpoints) throws IOException {
        this(address, endpoints, null);
    }

    /** As {@link #ServeHttp(InetSocketAddress, List)}, the /v1/ endpoints behind {@code apiKey} (null: open). */
    ServeHttp(InetSocketAddress address, List<Endpoint> endpoints, String apiKey) throws IOException {
        this.endpoints = List.copyOf(endpoints);
        this.apiKey = apiKey == null ? null : ("Bearer " + apiKey).getBytes(StandardCharsets.UTF_8);
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
        String path = exchange.getRequestURI().getPath(), method = exchange.getRequestMethod();
        List<Endpoint> atPath = endpoints.stream().filter(e -> e.path().equals(path)).toList();
        if (atPath.isEmpty()) {
            throw new BadRequest(404, "no endpoint " + path + "; the endpoints are "
                    + endpoints.stream().map(e -> e.method() + " " + e.path()).collect(Collectors.joining(", ")));
        }
        if (apiKey != null && path.startsWith("/v1/")) {
            String given = exchange.getRequestHeaders().getFirst("Authorization");
            // compared in constant time, so the answer's timing does not tell how much of a guess was right
            if (given == null || !MessageDigest.isEqual(apiKey, given.getBytes(StandardCharsets.UTF_8))) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
                throw new BadRequest(401, given == null
                        ? "this server needs its API key: send the header Authorization: Bearer KEY"
                        : "the API key is not this server's: send the key it was started with (--api-key)");
            }
        }
        for (Endpoint e : atPath) {
            if (e.method().equals(method)) {
                e.route().handle(exchange);
                return;
            }
        }
        throw new BadRequest(405, path + " takes " + atPath.stream().map(Endpoint::method)
                .collect(Collectors.joining(" or ")) + ", got " + method);
    }

    /** The request's JSON object, read whole (at most MAX_BODY_BYTES), strict UTF-8, only the keys allowed. */
    static Map<String, Object> body(HttpExchange exchange, List<String> keys) throws IOException {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new BadRequest(413, "the request body is over " + (MAX_BODY_BYTES >> 20) + " MiB; send less");
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

    static String string(Map<String, Object> m, String key, String fallback) {
        if (!m.containsKey(key)) return fallback;
        if (m.get(key) instanceof String s) return s;
        throw new BadRequest(400, key + " must be a string");
    }

    static double number(Map<String, Object> m, String key, double fallback) {
        if (!m.containsKey(key)) return fallback;
        if (m.get(key) instanceof Number n) return n.doubleValue();
        throw new BadRequest(400, key + " must be a number");
    }

    static boolean bool(Map<String, Object> m, String key, boolean fallback) {
        if (!m.containsKey(key)) return fallback;
        if (m.get(key) instanceof Boolean b) return b;
        throw new BadRequest(400, key + " must be true or false");
    }

    /** A whole number in [min, max]; {@code fix} is added to the message when it is out of range. */
    static long integer(Map<String, Object> m, String key, long fallback, long min, long max, String fix) {
        if (!m.containsKey(key)) return fallback;
        if (!(m.get(key) instanceof Long v)) throw new BadRequest(400, key + " must be a whole number");
        if (v < min || v > max) {
            throw new BadRequest(400, key + " must be in [" + min + ", " + max + "], got " + v + fix);
        }
        return v;
    }

    static void respond(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        respond(exchange, status, "application/json; charset=utf-8",
                (Json.write(body) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    static void respond(HttpExchange exchange, int status, String type, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
