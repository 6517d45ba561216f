package dev.rnn4j.examples.common;

import dev.rnn4j.tool.Flags;
import picocli.CommandLine.Option;

/**
 * {@code --grad-clip} of the examples that let it be set, as a picocli mixin with the example's default (the
 * others clip at a fixed norm).
 *
 * <pre>{@code
 * @Mixin GradClipOption gradClip = new GradClipOption(5);
 * new Trainer.Config(epochs, 0, gradClip.value(), null, null);
 * }</pre>
 */
public final class GradClipOption {
    @Option(names = "--grad-clip",
            description = "clip the gradient norm to this, 0 = off (default: ${DEFAULT-VALUE})")
    double gradClip;

    /** The example's default, which picocli shows in the help and keeps when the flag is not given. */
    public GradClipOption(double gradClip) {
        this.gradClip = gradClip;
    }

    public double value() { return gradClip; }

    /** Zero (off) or a positive finite norm. */
    public void check() {
        Flags.inRange("--grad-clip", gradClip, 0, true, Double.POSITIVE_INFINITY, false);
    }
}
