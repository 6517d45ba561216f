package dev.rnn4j.tool;

import dev.rnn4j.io.Json;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Headless Chromium driven over the DevTools protocol with only the JDK: the browser is started with
 * {@code --remote-debugging-port=0}, its port read from {@code DevToolsActivePort}, the page's socket
 * found at {@code /json/list} and spoken to with {@link java.net.http.WebSocket}. Collects console errors
 * and uncaught exceptions so a test can say the page rendered cleanly.
 *
 * <pre>{@code
 * try (Chromium b = Chromium.launch(tmp)) {
 *     b.open(page.toUri());
 *     b.eval("document.title");
 * }
 * }</pre>
 */
public final class Chromium implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
    private final List<Map<String, Object>> events = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    private Chromium(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    /**
     * The browser: {@code -Dviz.chromium=PATH} if given ({@code none} for no browser), else Debian's
     * {@code chromium} (or Chrome) on PATH, if any.
     */
    public static Optional<Path> find() {
        String given = System.getProperty("viz.chromium");
        if (given != null) return given.equals("none") ? Optional.empty() : Optional.of(Path.of(given));
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public static Chromium launch(Path executable, Path profile, int width, int height) throws Exception {
        Files.createDirectories(profile);
        Path portFile = profile.resolve("DevToolsActivePort");
        Files.deleteIfExists(portFile);
        Process p = new ProcessBuilder(executable.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-crash-reporter", "--disable-breakpad",
                "--remote-debugging-port=0", "--user-data-dir=" + profile, "--window-size=" + width + "," + height,
                "--force-device-scale-factor=1", "about:blank")
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("chromium did not open its DevTools port: "
                            + Files.readString(profile.resolve("chromium.log")));
                }
                Thread.sleep(50);
            }
            int port = Integer.parseInt(Files.readAllLines(portFile).get(0).strip());
            HttpClient http = HttpClient.newHttpClient();
            String list = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            String ws = null;
            for (Object o : Json.parseList(list)) {
                @SuppressWarnings("unchecked") Map<String, Object> target = (Map<String, Object>) o;
                if ("page".equals(target.get("type"))) ws = (String) target.get("webSocketDebuggerUrl");
            }
            if (ws == null) throw new IOException("chromium lists no page: " + list);
            Chromium[] self = new Chromium[1];
            WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(ws), new WebSocket.Listener() {
                private final StringBuilder partial = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                        String message = partial.toString();
                        partial.setLength(0);
                        self[0].receive(message);
                    }
                    w.request(1);
                    return null;
                }
            }).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            self[0] = new Chromium(p, socket);
            self[0].call("Page.enable", Map.of());
            self[0].call("Runtime.enable", Map.of());
            self[0].call("Log.enable", Map.of());
            return self[0];
        } catch (Exception e) {
            p.destroyForcibly();
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private void receive(String message) {
        Map<String, Object> m = Json.parseObject(message);
        if (m.get("id") instanceof Number id) {
            CompletableFuture<Map<String, Object>> f = pending.remove(id.intValue());
            if (f == null) return;
            if (m.get("error") != null) f.completeExceptionally(
                    new IllegalStateException("DevTools: " + Json.write(m.get("error"))));
            else f.complete((Map<String, Object>) m.get("result"));
            return;
        }
        String method = (String) m.get("method");
        Map<String, Object> params = (Map<String, Object>) m.get("params");
        synchronized (this) {
            if ("Runtime.exceptionThrown".equals(method)) {
                errors.add("exception: " + Json.write(params.get("exceptionDetails")));
            } else if ("Runtime.consoleAPICalled".equals(method) && "error".equals(params.get("type"))) {
                errors.add("console.error: " + Json.write(params.get("args")));
            } else if ("Log.entryAdded".equals(method)
                    && "error".equals(((Map<String, Object>) params.get("entry")).get("level"))) {
                errors.add("log: " + ((Map<String, Object>) params.get("entry")).get("text"));
            }
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("method", method);
            events.add(event);
            notifyAll();
        }
    }

    /** Sends one DevTools command and waits for its result. */
    public Map<String, Object> call(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<Map<String, Object>> f = new CompletableFuture<>();
        pending.put(id, f);
        Map<String, Object> msg = new LinkedHashMap<>();
        msg.put("id", id);
        msg.put("method", method);
        msg.put("params", params);
        socket.sendText(Json.write(msg), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return f.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Navigates and waits for the load event; clears the errors of the previous page. */
    public void open(URI url) throws Exception {
        int seen;
        synchronized (this) {
            errors.clear();
            seen = events.size();
        }
        call("Page.navigate", Map.of("url", url.toString()));
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        synchronized (this) {
            while (events.subList(seen, events.size()).stream()
                    .noneMatch(e -> "Page.loadEventFired".equals(e.get("method")))) {
                long left = deadline - System.nanoTime();
                if (left <= 0) throw new IOException("page did not load within " + TIMEOUT + ": " + url);
                wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** The value of a JavaScript expression (JSON-like: strings, numbers, booleans, lists, maps). */
    @SuppressWarnings("unchecked")
    public Object eval(String expression) throws Exception {
        Map<String, Object> r = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        if (r.get("exceptionDetails") != null) throw new IllegalStateException("JavaScript error in " + expression
                + ": " + Json.write(r.get("exceptionDetails")));
        return ((Map<String, Object>) r.get("result")).get("value");
    }

    public void mouseMove(double x, double y) throws Exception {
        call("Input.dispatchMouseEvent", Map.of("type", "mouseMoved", "x", x, "y", y));
    }

    public void click(double x, double y) throws Exception {
        mouseMove(x, y);
        call("Input.dispatchMouseEvent",
                Map.of("type", "mousePressed", "x", x, "y", y, "button", "left", "clickCount", 1));
        call("Input.dispatchMouseEvent",
                Map.of("type", "mouseReleased", "x", x, "y", y, "button", "left", "clickCount", 1));
    }

    /** Presses and releases a key such as {@code ArrowRight} (windows key code given for the DOM's keyCode). */
    public void press(String key, int keyCode) throws Exception {
        call("Input.dispatchKeyEvent",
                Map.of("type", "keyDown", "key", key, "code", key, "windowsVirtualKeyCode", keyCode));
        call("Input.dispatchKeyEvent",
                Map.of("type", "keyUp", "key", key, "code", key, "windowsVirtualKeyCode", keyCode));
    }

    public void screenshot(Path png) throws Exception {
        Map<String, Object> r = call("Page.captureScreenshot", Map.of("format", "png"));
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, Base64.getDecoder().decode((String) r.get("data")));
    }

    /** Console errors and uncaught exceptions since the last {@link #open}. */
    public synchronized List<String> errors() { return List.copyOf(errors); }

    /**
     * Stops the browser and every process it started. Its helpers (renderer, utility, crash handler) outlive the
     * browser process for a moment and still write into the profile, so a test's temporary directory could not be
     * deleted behind them (seen once in a CI run): they are stopped and waited for too.
     */
    @Override
    public void close() {
        socket.abort();
        List<ProcessHandle> helpers = process.descendants().toList();
        stop(process.toHandle());
        for (ProcessHandle helper : helpers) stop(helper);
    }

    /** SIGTERM, up to 5 s to exit, then SIGKILL and up to 5 s more. */
    private static void stop(ProcessHandle p) {
        p.destroy();
        try {
            p.onExit().get(5, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            p.destroyForcibly();
            try {
                p.onExit().get(5, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException stillThere) {
                // nothing more to do from here
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }
}
