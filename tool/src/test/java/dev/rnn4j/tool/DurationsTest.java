package dev.rnn4j.tool;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;

class DurationsTest {
    @Test
    void hoursMinutesSecondsInAnyCombination() {
        assertEquals(Duration.ofMinutes(90), Durations.parse("1h30m"));
        assertEquals(Duration.ofSeconds(90), Durations.parse("--time-limit", " 90S "));
        assertEquals(Duration.ofSeconds(3661), Durations.parse("--time-limit", "1h1m1s"));
        assertEquals(Duration.ZERO, Durations.parse("--time-limit", "0"));
        assertEquals(Duration.ZERO, Durations.parse("--time-limit", "0s"));
    }

    @Test
    void formatWritesWhatParseReads() {
        assertEquals("30m", Durations.format(1800));
        assertEquals("1h1m1s", Durations.format(3661.2));
        assertEquals("1m30s", Durations.format(90));
        assertEquals("0s", Durations.format(0.3));
        for (long s : new long[] {1, 59, 60, 61, 3599, 3600, 7322}) {
            assertEquals(Duration.ofSeconds(s), Durations.parse(Durations.format(s)), s + " s");
        }
    }

    @Test
    void otherFormsNameTheOptionAndTheAcceptedForms() {
        for (String bad : new String[] {"", "5x", "ten minutes", "1h 30m", "m", "-5m"}) {
            UserError e = assertThrows(UserError.class, () -> Durations.parse("--budget", bad), bad);
            assertEquals("--budget must be a duration such as 90s, 20m, 1h30m or 0, got '" + bad + "'", e.getMessage());
        }
    }
}
