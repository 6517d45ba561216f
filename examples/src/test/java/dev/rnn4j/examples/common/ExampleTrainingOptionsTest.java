package dev.rnn4j.examples.common;

import dev.rnn4j.examples.generate.GenerateCommand;
import dev.rnn4j.examples.postag.PostagCommand;
import dev.rnn4j.examples.sentiment.SentimentCommand;
import dev.rnn4j.examples.translate.TranslateCommand;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each example's defaults of the shared mixins, as picocli applies them (no flag given) and as {@code --help} shows
 * them; a flag given overrides only itself; {@code --grad-clip} exists only where the example lets it be set.
 */
class ExampleTrainingOptionsTest {
    /** The values each command declared before the mixins (epochs, batch size, lr, seed; grad clip or none). */
    private record Defaults(int epochs, int batchSize, double lr, long seed, Double gradClip) {}

    private static final Map<String, Defaults> EXPECTED = Map.of(
            "sentiment", new Defaults(3, 64, 2e-3, 7, null),
            "postag", new Defaults(12, 32, 2e-3, 1, 5.0),
            "translate", new Defaults(30, 64, 2e-3, 1, 5.0),
            "generate", new Defaults(2, 64, 3e-3, 11, null));

    private static CommandLine command(String name) {
        return new CommandLine(switch (name) {
            case "sentiment" -> new SentimentCommand();
            case "postag" -> new PostagCommand();
            case "translate" -> new TranslateCommand();
            case "generate" -> new GenerateCommand();
            default -> throw new IllegalArgumentException(name);
        });
    }

    private static Object value(CommandLine line, String option) {
        return line.getCommandSpec().findOption(option).getValue();
    }

    @Test
    void noFlagsGiveEachExamplesOwnDefaults() {
        EXPECTED.forEach((name, d) -> {
            CommandLine line = command(name);
            line.parseArgs();
            assertEquals(d.epochs(), value(line, "--epochs"), name + " --epochs");
            assertEquals(d.batchSize(), value(line, "--batch-size"), name + " --batch-size");
            assertEquals(d.lr(), value(line, "--lr"), name + " --lr");
            assertEquals(d.seed(), value(line, "--seed"), name + " --seed");
            if (d.gradClip() == null) {
                assertNull(line.getCommandSpec().findOption("--grad-clip"), name + " has no --grad-clip");
            } else {
                assertEquals(d.gradClip(), value(line, "--grad-clip"), name + " --grad-clip");
            }
        });
    }

    @Test
    void aFlagGivenOverridesOnlyItselfAndTheNextParseStartsFromTheDefaults() {
        CommandLine line = command("postag");
        line.parseArgs("--lr", "1e-3", "--grad-clip", "0");
        assertEquals(1e-3, value(line, "--lr"));
        assertEquals(0.0, value(line, "--grad-clip"));
        assertEquals(12, value(line, "--epochs"));
        assertEquals(1L, value(line, "--seed"));
        line.parseArgs("--seed", "9");
        assertEquals(2e-3, value(line, "--lr"));
        assertEquals(5.0, value(line, "--grad-clip"));
        assertEquals(9L, value(line, "--seed"));
    }

    @Test
    void helpShowsEachExamplesDefaults() {
        EXPECTED.forEach((name, d) -> {
            // One space for each run of spaces and line breaks: picocli wraps long descriptions.
            String help = command(name).getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("\\s+", " ");
            assertTrue(help.contains("passes over the training data (default: " + d.epochs() + ")"), name + help);
            assertTrue(help.contains("examples per step (default: " + d.batchSize() + ")"), name + help);
            assertTrue(help.contains("Adam learning rate (default: " + d.lr() + ")"), name + help);
            assertTrue(help.contains("random numbers (default: " + d.seed() + ")"), name + help);
            assertEquals(d.gradClip() != null, help.contains("--grad-clip"), name + help);
            if (d.gradClip() != null) assertTrue(help.contains("0 = off (default: " + d.gradClip() + ")"), name + help);
        });
    }
}
