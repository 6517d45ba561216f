package dev.rnn4j.lm;

import dev.rnn4j.kernel.WeightPrecision;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.text.CharCorpus;
import dev.rnn4j.text.Vocabulary;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.*;

@Timeout(120)
class GenerationServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static Vocabulary vocabulary() {
        return CharCorpus.of(CharLmTrainerTest.TEXT, 0.1, 0).vocabulary();
    }

    private static String alone(CharLanguageModel model, Vocabulary vocab, GenerationService.Request r,
                                WeightPrecision p) {
        StringBuilder sb = new StringBuilder();
        new TextGenerator(model, vocab, r.sampling(), r.seed(), p).generate(r.prime(), r.length(),
                (token, probs) -> sb.append(vocab.decode(token)));
        return sb.toString();
    }

    /**
     * More requests than streams, of many lengths, submitted from several threads at once: each joins and leaves the
     * batch on its own, and each text is bit for bit the one {@link TextGenerator} writes with its seed.
     */
    @Test
    void everyRequestGetsTheTextOfItsOwnRun() throws Exception {
        Vocabulary vocab = vocabulary();
        SamplingConfig warm = new SamplingConfig(0.9, 0, 1, false), topK = new SamplingConfig(1.3, 3, 1, false);
        SamplingConfig nucleus = new SamplingConfig(1.0, 0, 0.8, false), greedy = new SamplingConfig(1, 0, 1, true);
        List<GenerationService.Request> requests = List.of(
                new GenerationService.Request("All:", 40, warm, 1), new GenerationService.Request("", 7, topK, 2),
                new GenerationService.Request("First", 0, warm, 3), new GenerationService.Request("A", 1, greedy, 4),
                new GenerationService.Request("Citizen", 25, nucleus, 5),
                new GenerationService.Request("All:", 40, warm, 6), new GenerationService.Request("Be", 33, topK, 7),
                new GenerationService.Request("You", 12, greedy, 8));
        for (RecurrentKind kind : RecurrentKind.values()) {
            CharLanguageModel model = new CharLanguageModel(new CharLmConfig(kind, vocab.size(), 32, 2, 0f, 11));
            for (WeightPrecision p : new WeightPrecision[] {WeightPrecision.FLOAT32, WeightPrecision.INT8}) {
                // each single run first: once the service runs, the model is its engine thread's alone
                List<String> expected = requests.stream().map(r -> alone(model, vocab, r, p)).toList();
                ExecutorService callers = Executors.newFixedThreadPool(4);
                try (GenerationService service = new GenerationService(model, vocab, p, 3)) {
                    List<Future<String>> texts = new ArrayList<>();
                    for (GenerationService.Request r : requests) {
                        texts.add(callers.submit(() -> service.submit(r).text(WAIT)));
                    }
                    for (int i = 0; i < requests.size(); i++) {
                        GenerationService.Request r = requests.get(i);
                        String text = texts.get(i).get();
                        assertEquals(r.length(), text.codePointCount(0, text.length()), kind + " " + p + " #" + i);
                        assertEquals(expected.get(i), text, kind + " " + p + " request " + i);
                    }
                    assertEquals(requests.stream().mapToLong(GenerationService.Request::length).sum(),
                            service.charactersGenerated());
                } finally {
                    callers.shutdownNow();
                }
            }
        }
    }

    /** Pieces handed out while the text is made add up to the text; a cancelled request leaves, others go on. */
    @Test
    void piecesArriveWhileRunningAndCancelFreesTheStream() throws Exception {
        Vocabulary vocab = vocabulary();
        CharLanguageModel model = new CharLanguageModel(new CharLmConfig(RecurrentKind.LSTM, vocab.size(), 32, 1, 0f,
                12));
        SamplingConfig sampling = new SamplingConfig(0.8, 0, 1, false);
        GenerationService.Request r = new GenerationService.Request("All:", 300, sampling, 9);
        String expected = alone(model, vocab, r, WeightPrecision.FLOAT32);
        try (GenerationService service = new GenerationService(model, vocab, WeightPrecision.FLOAT32, 1)) {
            GenerationService.Generation g = service.submit(r);
            StringBuilder pieces = new StringBuilder();
            for (String piece; (piece = g.next(WAIT)) != null; ) pieces.append(piece);
            assertEquals(expected, pieces.toString());
            assertNull(g.next(Duration.ZERO), "an ended generation stays ended");

            // one stream only: an endless request holds it until cancelled, and the next one waits behind it
            GenerationService.Generation endless = service.submit(
                    new GenerationService.Request("All:", Integer.MAX_VALUE, sampling, 1));
            assertFalse(endless.next(WAIT).isEmpty());
            GenerationService.Generation next = service.submit(new GenerationService.Request("Be", 20, sampling, 2));
            assertEquals("", next.next(Duration.ofMillis(200)), "it waits its turn");
            assertEquals(1, service.waiting());
            endless.cancel();
            assertEquals(20, next.text(WAIT).length());
        }
    }

    /** Scoring runs on the engine thread between characters and gives what it gives without the service. */
    @Test
    void modelTasksRunBetweenCharacters() throws Exception {
        Vocabulary vocab = vocabulary();
        CharLanguageModel model = new CharLanguageModel(new CharLmConfig(RecurrentKind.GRU, vocab.size(), 32, 2, 0f,
                13));
        int[] tokens = vocab.encode(CharLmTrainerTest.TEXT.substring(0, 400));
        double expected = Evaluation.meanLoss(model, tokens, 4, 20, () -> {});
        SamplingConfig sampling = new SamplingConfig(0.8, 0, 1, false);
        GenerationService.Request r = new GenerationService.Request("All:", 500, sampling, 3);
        String text = alone(model, vocab, r, WeightPrecision.FLOAT32);
        try (GenerationService service = new GenerationService(model, vocab, WeightPrecision.FLOAT32, 4)) {
            GenerationService.Generation running = service.submit(r);
            double during = service.onModel(m -> Evaluation.meanLoss(m, tokens, 4, 20, () -> {})).get();
            assertEquals(expected, during);
            assertEquals(text, running.text(WAIT), "scoring in between leaves a running text as it would be");
            java.util.concurrent.ExecutionException failed = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> service.onModel(m -> {
                        throw new IllegalStateException("bad task");
                    }).get());
            assertInstanceOf(IllegalStateException.class, failed.getCause(), "a failing task fails its own future");
            assertEquals(7, service.submit(new GenerationService.Request("Be", 7, sampling, 1)).text(WAIT).length(),
                    "and the service goes on");
        }
    }

    @Test
    void badPrimesAndAStoppedServiceAreRefusedByName() throws Exception {
        Vocabulary vocab = vocabulary();
        CharLanguageModel model = new CharLanguageModel(new CharLmConfig(RecurrentKind.RNN, vocab.size(), 16, 1, 0f,
                14));
        SamplingConfig sampling = new SamplingConfig(0.8, 0, 1, false);
        GenerationService service = new GenerationService(model, vocab, WeightPrecision.FLOAT32, 2);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> service.submit(new GenerationService.Request("한국", 5, sampling, 1)));
        assertTrue(unknown.getMessage().contains("U+D55C"), unknown.getMessage());
        GenerationService.Generation endless = service.submit(
                new GenerationService.Request("All:", Integer.MAX_VALUE, sampling, 1));
        assertFalse(endless.next(WAIT).isEmpty());
        service.close();
        IllegalStateException stopped = assertThrows(IllegalStateException.class, () -> {
            while (endless.next(WAIT) != null) {
                Thread.onSpinWait();
            }
        });
        assertTrue(stopped.getMessage().contains("stopped"), stopped.getMessage());
        assertThrows(IllegalStateException.class,
                () -> service.submit(new GenerationService.Request("All:", 5, sampling, 1)));
    }

    /**
     * A model without the fast path (embedding size of its own, LSTM projection) steps through itself: a request
     * alone gets its single-stream text, requests together their lengths.
     */
    @Test
    void modelsWithoutAFastPathServeToo() throws Exception {
        Vocabulary vocab = vocabulary();
        CharLmConfig config = new CharLmConfig(RecurrentKind.LSTM, vocab.size(), 16, 2, 0f, 15).withProjSize(8)
                .withEmbeddingSize(5);
        CharLanguageModel model = new CharLanguageModel(config);
        SamplingConfig sampling = new SamplingConfig(0.8, 0, 1, false);
        GenerationService.Request r = new GenerationService.Request("All:", 30, sampling, 5);
        String expected = alone(model, vocab, r, WeightPrecision.FLOAT32);
        try (GenerationService service = new GenerationService(model, vocab, WeightPrecision.FLOAT32, 4)) {
            assertEquals(expected, service.submit(r).text(WAIT));
            List<GenerationService.Generation> together = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                together.add(service.submit(new GenerationService.Request("Be", 10 + i, sampling, i)));
            }
            for (int i = 0; i < 6; i++) assertEquals(10 + i, together.get(i).text(WAIT).length());
        }
    }
}
