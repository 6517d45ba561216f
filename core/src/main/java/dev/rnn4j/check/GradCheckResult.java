package dev.rnn4j.check;

import java.util.List;

/**
 * The outcome of {@link GradCheck#run}: per tensor, the forward comparison and the gradient comparison.
 *
 * <pre>{@code
 * GradCheckResult r = GradCheck.run(GradCheckConfig.of(RecurrentKind.GRU));
 * if (!r.passed()) System.out.println(GradCheck.format(r));
 * }</pre>
 *
 * @param forward {@code output}, {@code h_n} (and {@code c_n}) of the fast layer against the reference
 * @param errors  every parameter (PyTorch names), then {@code input}, {@code h0} and {@code c0}
 * @param worst   the largest gradient error in {@code errors}
 * @param passed  every gradient error within {@link GradCheck#GRADIENT_TOLERANCE} and every forward error
 *                within {@link GradCheck#FORWARD_TOLERANCE}
 */
public record GradCheckResult(GradCheckConfig config, List<TensorError> forward, List<TensorError> errors,
                              double worst, boolean passed) {
    public GradCheckResult {
        forward = List.copyOf(forward);
        errors = List.copyOf(errors);
    }

    /** The first tensor over its tolerance, or null when all passed. */
    public TensorError firstFailure() {
        for (TensorError e : forward) if (!(e.maxRelError() <= GradCheck.FORWARD_TOLERANCE)) return e;
        for (TensorError e : errors) if (!(e.maxRelError() <= GradCheck.GRADIENT_TOLERANCE)) return e;
        return null;
    }
}
