package dev.rnn4j.examples.common;

import dev.rnn4j.tool.UserError;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class TimeLimitTest {
    @Test
    void parsesHoursMinutesSecondsAndZero() {
        assertEquals(5400, TimeLimit.parse("--time-limit", "1h30m").seconds());
        assertEquals(1680, TimeLimit.parse("--time-limit", "28m").seconds());
        assertEquals(90, TimeLimit.parse("--time-limit", "90s").seconds());
        assertFalse(TimeLimit.parse("--time-limit", "0").reached());
        assertEquals(0, TimeLimit.parse("--time-limit", "0s").seconds());
    }

    @Test
    void rejectsOtherFormsNamingTheOption() {
        UserError e = assertThrows(UserError.class, () -> TimeLimit.parse("--time-limit", "ten minutes"));
        assertTrue(e.getMessage().startsWith("--time-limit must be a duration"), e.getMessage());
        assertThrows(UserError.class, () -> TimeLimit.parse("--time-limit", ""));
    }
}
