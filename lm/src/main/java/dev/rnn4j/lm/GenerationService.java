package dev.rnn4j.lm;

import dev.rnn4j.kernel.WeightPrecision;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.text.Vocabulary;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Generation for many callers at once, as a server needs: one engine thread owns the model and steps every running
 * request together, one matrix product per layer and character for all of them ({@link InferenceModel}). A request
 * joins at the next character once its prime is read and leaves when it has its length, so a short request does not
 * wait for a long one (continuous batching). Each request's text is exactly what {@link TextGenerator} writes with
 * its seed and settings: a stream's bits do not depend on which others share its steps.
 *
 * <pre>{@code
 * try (GenerationService service = new GenerationService(model, vocab, WeightPrecision.FLOAT32, 64)) {
 *     Generation g = service.submit(new GenerationService.Request("ROMEO:", 200, sampling, 7));
 *     String text = g.text(Duration.ofSeconds(30));     // or g.next(...) piece by piece while it runs
 *     double nats = service.onModel(m -> Evaluation.meanLoss(m, tokens, 32, 100, () -> {})).join();
 * }
 * }</pre>
 *
 * More requests than {@code maxStreams} wait their turn in arrival order. Work that needs the model itself (scoring a
 * text) runs on the engine thread between two characters ({@link #onModel}), since a model serves one thread.
 */
public final class GenerationService implements AutoCloseable {
    /** What to generate: {@code length} characters after {@code prime}, drawn as {@code sampling} says from seed. */
    public record Request(String prime, int length, SamplingConfig sampling, long seed) {
        public Request {
            if (prime == null) throw new IllegalArgumentException("prime must not be null (use \"\")");
            if (length < 0) throw new IllegalArgumentException("length must be >= 0, got " + length);
            if (sampling == null) throw new IllegalArgumentException("sampling must not be null");
        }
    }

    private static final Object STOP = new Object();

    private final CharLanguageModel model;
    private final Vocabulary vocabulary;
    private final InferenceModel inference;
    private final int maxStreams;
    /** New generations and model tasks, in arrival order; {@link #STOP} last. */
    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final Thread engine;
    private final AtomicLong charactersGenerated = new AtomicLong();
    private volatile boolean closed;
    private volatile int running, waiting;

    /** Serves {@code model}, its weights in {@code precision}, up to {@code maxStreams} requests stepped together. */
    public GenerationService(CharLanguageModel model, Vocabulary vocabulary, WeightPrecision precision,
                             int maxStreams) {
        if (maxStreams < 1) throw new IllegalArgumentException("maxStreams must be >= 1, got " + maxStreams);
        if (vocabulary.size() != model.config().vocabSize()) {
            throw new IllegalArgumentException("vocabulary has " + vocabulary.size() + " characters, model expects "
                    + model.config().vocabSize());
        }
        this.model = model;
        this.vocabulary = vocabulary;
        this.inference = InferenceModel.of(model, precision);
        this.maxStreams = maxStreams;
        this.engine = new Thread(this::serve, "rnn4j-generation");
        engine.setDaemon(true);
        engine.start();
    }

    /**
     * Queues a request; its characters come through the returned {@link Generation}. A prime with characters the
     * model never saw is refused here, naming them.
     */
    public Generation submit(Request request) {
        List<Integer> unknown = vocabulary.unknownCodePoints(request.prime());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("the prime has characters the model never saw: "
                    + Vocabulary.describe(unknown) + "; use only characters of its training text");
        }
        Generation g = new Generation(request, vocabulary);
        enqueue(g);
        return g;
    }

    /** Runs {@code task} on the engine thread, between two characters of the running requests. */
    public <T> CompletableFuture<T> onModel(Function<CharLanguageModel, T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        enqueue((Runnable) () -> {
            try {
                result.complete(task.apply(model));
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** The model frozen for generation, in the service's precision (for work {@link #onModel} runs). */
    public InferenceModel inference() { return inference; }

    public int maxStreams() { return maxStreams; }

    /** Requests being stepped now. */
    public int running() { return running; }

    /** Requests queued behind {@link #maxStreams} running ones. */
    public int waiting() { return waiting; }

    /** Characters generated since the service started, over all requests. */
    public long charactersGenerated() { return charactersGenerated.get(); }

    private void enqueue(Object job) {
        synchronized (inbox) {      // nothing joins the inbox after STOP: every job is seen before the engine ends
            if (closed) throw new IllegalStateException("the generation service is stopped");
            inbox.add(job);
        }
    }

    /** Stops the engine: running and queued requests end with an error; later submissions are refused. */
    @Override
    public void close() {
        synchronized (inbox) {
            if (!closed) inbox.add(STOP);
            closed = true;
        }
        try {
            engine.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The engine thread: admit what came in, draw a character for every running request, step them all. */
    private void serve() {
        int v = vocabulary.size();
        InferenceModel.State batch = inference.newState(maxStreams);
        float[] logits = new float[maxStreams * v];
        int[] tokens = new int[maxStreams];
        Generation[] live = new Generation[maxStreams];
        Sampler[] samplers = new Sampler[maxStreams];
        ArrayDeque<Generation> queued = new ArrayDeque<>();
        int n = 0;
        boolean stopping = false;
        while (!stopping) {
            try {
                // take new work: block only while nothing runs
                Object job = n == 0 && queued.isEmpty() ? inbox.take() : inbox.poll();
                for (; job != null; job = inbox.poll()) {
                    if (job == STOP) stopping = true;
                    else if (job instanceof Runnable task) task.run();
                    else queued.add((Generation) job);
                }
                if (stopping) break;
                while (n < maxStreams && !queued.isEmpty()) {
                    Generation g = queued.poll();
                    if (g.cancelled) continue;
                    if (g.request.length() == 0) {
                        g.finish();
                        continue;
                    }
                    float[] last = new float[v];
                    try {
                        batch.copyStream(Priming.read(model, inference, vocabulary, g.request.prime(), last), 0, n);
                    } catch (RuntimeException e) {
                        g.fail("reading the prime failed: " + e);
                        continue;
                    }
                    System.arraycopy(last, 0, logits, n * v, v);
                    samplers[n] = new Sampler(v, g.request.sampling(), new Rng(g.request.seed()));
                    live[n++] = g;
                }
                running = n;
                waiting = queued.size();
                if (n == 0) continue;
                for (int b = 0; b < n; b++) {
                    tokens[b] = samplers[b].next(logits, b * v);
                    live[b].deliver(tokens[b]);
                }
                charactersGenerated.addAndGet(n);
                // the finished and the abandoned leave; the last running stream takes each one's place
                for (int b = n - 1; b >= 0; b--) {
                    Generation g = live[b];
                    if (g.count < g.request.length() && !g.cancelled) continue;   // count: this thread writes it
                    g.finish();
                    int last = --n;
                    if (b != last) {
                        batch.copyStream(batch, last, b);
                        tokens[b] = tokens[last];
                        samplers[b] = samplers[last];
                        live[b] = live[last];
                    }
                    live[last] = null;
                    samplers[last] = null;
                }
                running = n;
                if (n > 0) inference.step(tokens, n, batch, logits);
            } catch (InterruptedException e) {
                stopping = true;
            } catch (RuntimeException | Error e) {
                // a fault ends the requests it touched, not the service
                String why = "generation failed: " + e;
                for (int b = 0; b < n; b++) live[b].fail(why);
                java.util.Arrays.fill(live, null);
                n = 0;
                running = 0;
            }
        }
        // stopped (or interrupted): whatever runs, waits or is still in the inbox ends with the reason
        synchronized (inbox) {
            closed = true;
        }
        for (int b = 0; b < n; b++) live[b].fail("the generation service stopped");
        for (Generation g : queued) g.fail("the generation service stopped");
        for (Object job; (job = inbox.poll()) != null; ) {
            if (job instanceof Generation g) g.fail("the generation service stopped");
            else if (job instanceof Runnable task) task.run();
        }
        running = 0;
        waiting = 0;
    }

    /**
     * One request's characters as they come. {@link #next} hands them out piece by piece, {@link #text} all at once;
     * {@link #cancel} lets the service drop the request at its next character (a client that went away). The engine
     * adds characters without waking the reader, who looks every {@link #LOOK_MS} ms: a wake-up per character
     * cost half the throughput of 64 streaming clients.
     */
    public static final class Generation {
        private static final long LOOK_MS = 20;
        private final Request request;
        private final Vocabulary vocabulary;
        private volatile boolean cancelled;
        private int[] tokens = new int[64];
        /** Characters delivered (written by the engine thread alone) and handed out so far. */
        private int count, read;
        private boolean ended;
        private String failure;

        private Generation(Request request, Vocabulary vocabulary) {
            this.request = request;
            this.vocabulary = vocabulary;
        }

        public Request request() { return request; }

        /** Asks the service to stop generating for this request; what came already stays readable. */
        public void cancel() { cancelled = true; }

        /**
         * Waits up to {@code timeout} for characters and returns those that came ("" if none did yet), or null once
         * the text is complete and every character was handed out. Throws {@link IllegalStateException} with the
         * reason if the generation failed.
         */
        public synchronized String next(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (read == count && !ended) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) return "";
                wait(Math.min(left, LOOK_MS));
            }
            if (read == count) {
                if (failure != null) throw new IllegalStateException(failure);
                return null;
            }
            return take();
        }

        /** The whole generated text (the prime not included), waiting at most {@code timeout} for it. */
        public synchronized String text(Duration timeout) throws InterruptedException, TimeoutException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!ended) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new TimeoutException("the text was not complete within " + timeout.toMillis() + " ms");
                }
                wait(left);
            }
            if (failure != null) throw new IllegalStateException(failure);
            return take();
        }

        private String take() {
            StringBuilder sb = new StringBuilder(count - read);
            for (; read < count; read++) sb.append(vocabulary.decode(tokens[read]));
            return sb.toString();
        }

        private synchronized void deliver(int token) {
            if (count == tokens.length) tokens = java.util.Arrays.copyOf(tokens, 2 * count);
            tokens[count++] = token;
        }

        private synchronized void finish() {
            ended = true;
            notifyAll();
        }

        private synchronized void fail(String why) {
            failure = why;
            ended = true;
            notifyAll();
        }
    }
}
