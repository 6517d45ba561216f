package dev.rnn4j.examples.common;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link ReviewEncoder}'s vocabulary: the tokens in id order, and the id of each token. Ids 0 (padding)
 * and 1 (unknown) are placeholders and have no entry in {@code ids}.
 *
 * <pre>{@code
 * TokenIndex index = TokenIndex.of(List.of("", "<unk>", "좋", "다"));
 * index.ids().get("다");   // 3
 * }</pre>
 */
record TokenIndex(List<String> tokens, Map<String, Integer> ids) {
    static TokenIndex of(List<String> tokens) {
        List<String> inOrder = List.copyOf(tokens);
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 2; i < inOrder.size(); i++) ids.put(inOrder.get(i), i);
        return new TokenIndex(inOrder, ids);
    }
}
