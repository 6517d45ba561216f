package dev.rnn4j.lm;

import dev.rnn4j.check.GradCheck;
import dev.rnn4j.check.TensorError;
import dev.rnn4j.nn.Nonlinearity;
import dev.rnn4j.nn.Parameter;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.tensor.Rng;
import dev.rnn4j.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static dev.rnn4j.lm.CharLmConfig.DropoutMode.LOCKED;
import static dev.rnn4j.lm.CharLmConfig.DropoutMode.STANDARD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Gradient checks of one training step with each regulariser, its masks held fixed: every parameter's analytic
 * gradient from {@link CharLanguageModel#trainingStep} against central differences of {@link ReferenceCharLm} (in
 * double), with {@link GradCheck}'s error measure and tolerance.
 */
class RegularizationGradCheckTest {
    record Case(String name, CharLmConfig config) {
        @Override
        public String toString() { return name; }
    }

    static CharLmConfig base(RecurrentKind kind, float dropout) {
        return new CharLmConfig(kind, 5, 4, 4, 2, 0, Nonlinearity.TANH, dropout, 7);
    }

    static Stream<Case> cases() {
        CharLmConfig.Regularization tied = new CharLmConfig.Regularization(true, STANDARD, 0f);
        CharLmConfig.Regularization locked = new CharLmConfig.Regularization(false, LOCKED, 0f);
        CharLmConfig.Regularization dropHh = new CharLmConfig.Regularization(false, STANDARD, 0.4f);
        CharLmConfig.Regularization all = new CharLmConfig.Regularization(true, LOCKED, 0.3f);
        return Stream.of(
                new Case("standard dropout (control)", base(RecurrentKind.LSTM, 0.3f)),
                new Case("tied lstm", base(RecurrentKind.LSTM, 0f).withRegularization(tied)),
                new Case("tied lstm proj", new CharLmConfig(RecurrentKind.LSTM, 5, 3, 5, 2, 3, Nonlinearity.TANH,
                        0f, 7).withRegularization(tied)),
                new Case("tied gru", base(RecurrentKind.GRU, 0.3f).withRegularization(tied)),
                new Case("locked lstm", base(RecurrentKind.LSTM, 0.3f).withRegularization(locked)),
                new Case("locked rnn", base(RecurrentKind.RNN, 0.3f).withRegularization(locked)),
                new Case("weight drop lstm", base(RecurrentKind.LSTM, 0f).withRegularization(dropHh)),
                new Case("weight drop gru", base(RecurrentKind.GRU, 0f).withRegularization(dropHh)),
                new Case("weight drop rnn", base(RecurrentKind.RNN, 0f).withRegularization(dropHh)),
                new Case("all three lstm", base(RecurrentKind.LSTM, 0.3f).withRegularization(all)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void analyticGradientsMatchCentralDifferencesWithTheMasksFixed(Case c) {
        CharLmConfig config = c.config();
        int batch = 2, steps = 3;
        Rng rng = new Rng(5);
        int[] x = new int[batch * steps], y = new int[batch * steps];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextInt(config.vocabSize());
            y[i] = rng.nextInt(config.vocabSize());
        }
        CharLanguageModel model = new CharLanguageModel(config);
        int L = config.numLayers();
        Tensor h = Tensor.randn(rng, L, batch, config.outputSize());
        Tensor cs = config.cell() == RecurrentKind.LSTM ? Tensor.randn(rng, L, batch, config.hiddenSize()) : null;
        RecurrentState state = new RecurrentState(h.copy(), cs == null ? null : cs.copy());
        double loss = model.trainingStep(x, y, batch, steps, state);

        ReferenceCharLm reference = new ReferenceCharLm(model, x, y, batch, steps, new RecurrentState(h, cs));
        assertEquals(reference.loss(), loss, 1e-5 * Math.abs(loss), c + ": forward loss");
        double worst = 0;
        for (Map.Entry<String, Parameter> e : model.stateDict().entrySet()) {
            if (e.getKey().equals("head.weight") && config.regularization().tieWeights()) continue;   // = embedding
            Parameter p = e.getValue();
            TensorError err = GradCheck.compareWithNumeric(e.getKey(), p.shape(), reference.values.get(e.getKey()),
                    p.gradient().data(), reference::loss);
            assertTrue(err.maxRelError() <= GradCheck.GRADIENT_TOLERANCE, c + ": " + err.name() + " error "
                    + err.maxRelError() + " at " + err.worstIndex() + ": analytic " + err.actual() + ", numerical "
                    + err.expected());
            worst = Math.max(worst, err.maxRelError());
        }
        System.out.printf("gradcheck %-28s worst gradient error %.2e%n", c, worst);
    }
}
