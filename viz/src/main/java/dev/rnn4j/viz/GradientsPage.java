package dev.rnn4j.viz;

import dev.rnn4j.nn.RecurrentKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The data and the one-sentence conclusion of the vanishing-gradient page, from measured curves only. */
final class GradientsPage {
    private GradientsPage() {}

    static Map<String, Object> data(String corpus, int hidden, int trainSteps, int distance, int samples,
                                    List<GradientsCommand.Curve> curves, String sentence) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("title", "Vanishing gradients: ‖∂L_T/∂h_t‖ against T−t");
        d.put("description", String.format(Locale.ROOT, "One layer of %d units each, on %s; every curve is the mean "
                + "over %d text windows of log10 ‖∂L_T/∂h_t‖ from the real backward pass, "
                + "at initialisation and after %d training steps (Adam 2e-3, batch %d × %d).",
                hidden, corpus, samples, trainSteps, GradientsCommand.TRAIN_BATCH, GradientsCommand.TRAIN_SEQ_LENGTH));
        d.put("distance", distance);
        List<Object> list = new ArrayList<>();
        for (GradientsCommand.Curve c : curves) list.add(GradientsCommand.curveMap(c));
        d.put("curves", list);
        d.put("sentence", sentence);
        return d;
    }

    /**
     * The conclusion in one sentence with the measured rates; it says the plain RNN falls off fastest only
     * when the numbers show it.
     */
    static String sentence(List<GradientsCommand.Curve> curves, int distance) {
        boolean anyTrained = curves.stream().anyMatch(GradientsCommand.Curve::trained);
        List<GradientsCommand.Curve> shown = curves.stream().filter(c -> c.trained() == anyTrained).toList();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "Fitted over T−t = 1…%d %s, the gradient "
                + "norm shrinks by a factor per step of ",
                distance, anyTrained ? "after training" : "at initialisation"));
        for (int i = 0; i < shown.size(); i++) {
            GradientsCommand.Curve c = shown.get(i);
            if (i > 0) sb.append(i == shown.size() - 1 ? " and " : ", ");
            sb.append(String.format(Locale.ROOT, "%.3f for the %s (log10 slope %.4f)", c.factorPerStep(),
                    name(c.cell()), c.slope()));
        }
        GradientsCommand.Curve rnn = shown.stream().filter(c -> c.cell() == RecurrentKind.RNN).findFirst().orElse(null);
        if (rnn != null && shown.size() > 1) {
            boolean fastest = shown.stream().allMatch(c -> c == rnn || c.slope() > rnn.slope());
            sb.append(fastest ? ": the plain RNN's gradient falls off fastest, so it forgets soonest."
                    : ": here the plain RNN's gradient does not fall off fastest.");
        } else {
            sb.append('.');
        }
        return sb.toString();
    }

    static String name(RecurrentKind k) { return k == RecurrentKind.RNN ? "plain RNN" : k.name(); }
}
