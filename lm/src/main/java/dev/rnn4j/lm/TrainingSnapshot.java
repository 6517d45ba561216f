package dev.rnn4j.lm;

import dev.rnn4j.optim.OptimizerState;
import dev.rnn4j.optim.ReduceLrOnPlateau;
import dev.rnn4j.tensor.Tensor;

/**
 * Everything besides the weights that training needs to continue bit-exactly: where in the data it is,
 * the optimizer's moments, the hidden state carried into the next batch, and the random streams.
 *
 * @param epoch          completed passes over the training text
 * @param batchIndex     next batch of the current epoch
 * @param carriedH       hidden state carried into the next batch (layers, batch, hidden)
 * @param carriedC       LSTM cell state carried into the next batch, or null
 * @param dropoutRng     state of the model's dropout generator
 * @param bestValLoss    lowest validation loss so far (NaN before the first validation)
 * @param elapsedSeconds training wall time so far, over all resumed runs
 * @param trainingWeights with weight averaging ({@link TrainConfig#emaDecay()}), the flat weights training goes on
 *                       from, while the model (and its file) holds their average; null without averaging
 * @param patience       where early stopping stands ({@link TrainConfig#patience()})
 * @param plateau        where a plateau schedule stands (its rate, best loss and counts), or null without one
 */
public record TrainingSnapshot(long step, int epoch, int batchIndex, OptimizerState optimizer, Tensor carriedH,
                               Tensor carriedC, long dropoutRng, double bestValLoss, double elapsedSeconds,
                               float[] trainingWeights, Patience patience, ReduceLrOnPlateau.State plateau) {
    /**
     * The validations on the run's schedule ({@code --eval-every} or each epoch's end), which early stopping counts:
     * their lowest loss, and how many came after it. The extra validation of a run's last steps when it stops is
     * not one of them, so a run stopped and resumed counts the validations a run going straight through counts.
     */
    public record Patience(double bestValLoss, int validationsSinceBest) {
        /** Before the first validation. */
        public static final Patience START = new Patience(Double.NaN, 0);

        /** After a validation on the schedule with loss {@code val}. */
        Patience after(double val) {
            return Double.isNaN(bestValLoss) || val < bestValLoss ? new Patience(val, 0)
                    : new Patience(bestValLoss, validationsSinceBest + 1);
        }
    }
}
