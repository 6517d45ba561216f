package dev.rnn4j.nn;

import dev.rnn4j.golden.GoldenCase;
import dev.rnn4j.golden.GoldenCheck;
import dev.rnn4j.golden.GoldenChecks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
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
}
