package dev.rnn4j.optim;

import dev.rnn4j.nn.Parameter;
import dev.rnn4j.nn.ParameterBuffer;
import dev.rnn4j.tensor.Rng;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class GradClipTest {
    @Test
    void clipsToMaxNormAndReturnsTheNormBefore() {
        Parameter a = new Parameter("a", 2), b = new Parameter("b", 1);
        a.grad()[0] = 3f; a.grad()[1] = 0f; b.grad()[0] = 4f;
        double norm = GradClip.clipGradNorm(List.of(a, b), 1.0);
        assertEquals(5.0, norm, 0);
        float c = (float) (1.0 / (5.0 + 1e-6));
        assertEquals(3f * c, a.grad()[0]);
        assertEquals(4f * c, b.grad()[0]);
    }

    @Test
    void leavesSmallGradientsUntouched() {
        Parameter a = new Parameter("a", 2);
        a.grad()[0] = 0.3f; a.grad()[1] = -0.4f;
        assertEquals(0.5, GradClip.clipGradNorm(List.of(a), 1.0), 1e-7);
        assertArrayEquals(new float[] {0.3f, -0.4f}, a.grad());
        assertEquals(0.0, GradClip.clipGradNorm(List.of(new Parameter("z", 3)), 1.0));
    }

    @Test
    void bufferFormEqualsListForm() {
        Rng rng = new Rng(1);
        List<Parameter> ps = List.of(new Parameter("a", 7), new Parameter("b", 3, 3));
        ParameterBuffer buf = ParameterBuffer.of(ps);
        for (int i = 0; i < buf.size(); i++) buf.grad()[i] = (float) rng.nextGaussian() * 3;
        float[] copy = buf.grad().clone();
        double n1 = GradClip.clipGradNorm(ps, 0.7);
        float[] viaList = buf.grad().clone();
        System.arraycopy(copy, 0, buf.grad(), 0, copy.length);
        assertEquals(n1, GradClip.clipGradNorm(buf, 0.7));
        assertArrayEquals(viaList, buf.grad());
    }

    @Test
    void rejectsNonPositiveMaxNorm() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> GradClip.clipGradNorm(List.of(new Parameter("a", 1)), 0));
        assertEquals("clipGradNorm maxNorm must be a positive finite number, got 0.0", e.getMessage());
    }
}
