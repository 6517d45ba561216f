package dev.rnn4j.io;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class JsonTest {
    @Test
    void parsesAndWritesBack() {
        String text = "{\"a\":1,\"b\":[true,false,null,-2.5e3],\"c\":\"x\\n\\u00e9\",\"d\":{}}";
        Map<String, Object> m = Json.parseObject(text);
        assertEquals(1L, m.get("a"));
        assertEquals(List.of(true, false, -2500.0),
                ((List<?>) m.get("b")).stream().filter(java.util.Objects::nonNull).toList());
        assertEquals("x\né", m.get("c"));
        assertEquals(m, Json.parseObject(Json.write(m)));
        assertEquals(128, Json.getLong(Json.parseObject("{\"h\": 128}"), "h"));
    }

    @Test
    void malformedInputIsRejectedWithAPosition() {
        for (String bad : new String[] {"", "{", "{\"a\":}", "[1,]", "{\"a\":1}x", "tru", "\"\\q\"", "01x",
                "{\"a\":1,\"a\":2}", "[" .repeat(100)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
            assertTrue(e.getMessage().contains("JSON"), e.getMessage());
        }
        IllegalArgumentException missing =
                assertThrows(IllegalArgumentException.class, () -> Json.getLong(Map.of(), "hidden_size"));
        assertTrue(missing.getMessage().contains("missing key hidden_size"));
    }
}
