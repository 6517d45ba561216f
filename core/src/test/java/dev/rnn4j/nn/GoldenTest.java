package dev.rnn4j.nn;

import dev.rnn4j.golden.GoldenCase;
import dev.rnn4j.golden.GoldenCheck;
import dev.rnn4j.golden.GoldenChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every PyTorch case file in {@code -Dgolden.dir} (default core/src/test/resources/golden), one test each,
 * named by file. The case's {@code kind} picks the check ({@link GoldenChecks}); an unknown kind fails.
 */
class GoldenTest {

    static Path dir() {
        return Path.of(System.getProperty("golden.dir", "src/test/resources/golden"));
    }

    static Stream<String> cases() throws IOException {
        List<String> names;
        try (Stream<Path> s = Files.list(dir())) {
            names = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".safetensors")).sorted().toList();
        }
        assertFalse(names.isEmpty(), "no *.safetensors cases in " + dir().toAbsolutePath());
        return names.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesPyTorch(String file) throws Exception {
        GoldenCase c = GoldenCase.read(dir().resolve(file));
        GoldenCheck check = GoldenChecks.forKind(c.kind());
        if (check == null) fail(file + ": no check for kind '" + c.kind() + "' (known: " + GoldenChecks.kinds() + ")");
        check.check(c);
    }

    /**
     * At least this many cases of each kind: a lost or renamed file fails here instead of quietly shrinking
     * the proof. (The shipped set has more; a directory given with -Dgolden.dir must still cover every kind.)
     */
    static final Map<String, Integer> MINIMUM_PER_KIND = Map.ofEntries(
            Map.entry("RNN", 5), Map.entry("LSTM", 6), Map.entry("GRU", 4),
            Map.entry("RNNCell", 1), Map.entry("LSTMCell", 1), Map.entry("GRUCell", 1),
            Map.entry("cross_entropy", 2), Map.entry("binary_cross_entropy_with_logits", 1), Map.entry("mse", 1),
            Map.entry("optim", 10), Map.entry("clip_grad_norm", 1), Map.entry("charlm_train", 1),
            Map.entry("reduce_lr_on_plateau", 4));

    @Test
    void everyKindHasItsCases() throws Exception {
        Map<String, Integer> counts = new TreeMap<>();
        for (String file : cases().toList()) counts.merge(GoldenCase.read(dir().resolve(file)).kind(), 1, Integer::sum);
        assertTrue(MINIMUM_PER_KIND.keySet().containsAll(GoldenChecks.kinds()), "a registered kind has no minimum");
        MINIMUM_PER_KIND.forEach((kind, min) -> assertTrue(counts.getOrDefault(kind, 0) >= min,
                kind + ": " + counts.getOrDefault(kind, 0) + " cases in " + dir() + ", expected at least " + min));
    }
}
