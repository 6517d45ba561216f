package dev.rnn4j.golden;

import dev.rnn4j.nn.RecurrentGolden;

import java.util.LinkedHashMap;
import java.util.Map;

/** Which check runs a case, by its {@code case.kind}. A new kind is one line here; an unknown kind fails. */
public final class GoldenChecks {
    private GoldenChecks() {}

    private static final Map<String, GoldenCheck> BY_KIND = new LinkedHashMap<>();

    static {
        BY_KIND.put("RNN", RecurrentGolden::layer);
        BY_KIND.put("LSTM", RecurrentGolden::layer);
        BY_KIND.put("GRU", RecurrentGolden::layer);
        BY_KIND.put("RNNCell", RecurrentGolden::cell);
        BY_KIND.put("LSTMCell", RecurrentGolden::cell);
        BY_KIND.put("GRUCell", RecurrentGolden::cell);
        BY_KIND.put("cross_entropy", LossGoldenCheck::check);
        BY_KIND.put("binary_cross_entropy_with_logits", LossGoldenCheck::check);
        BY_KIND.put("mse", LossGoldenCheck::check);
        BY_KIND.put("optim", OptimGoldenCheck::check);
        BY_KIND.put("clip_grad_norm", ClipGoldenCheck::check);
        BY_KIND.put("charlm_train", CharLmGoldenCheck::check);
        BY_KIND.put("reduce_lr_on_plateau", PlateauGoldenCheck::check);
    }

    /** The check for {@code kind}, or null when none is registered. */
    public static GoldenCheck forKind(String kind) { return BY_KIND.get(kind); }

    public static java.util.Set<String> kinds() { return BY_KIND.keySet(); }
}
