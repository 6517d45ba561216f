package dev.rnn4j.lm;

import dev.rnn4j.optim.OptimizerState;
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
 */
public record TrainingSnapshot(long step, int epoch, int batchIndex, OptimizerState optimizer, Tensor carriedH,
                               Tensor carriedC, long dropoutRng, double bestValLoss, double elapsedSeconds,
                               float[] trainingWeights) {}
