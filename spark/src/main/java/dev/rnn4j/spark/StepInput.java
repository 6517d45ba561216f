package dev.rnn4j.spark;

import java.io.Serializable;

/**
 * What the driver broadcasts for one training step: the weights (flat, in {@code state_dict} order), the
 * hidden state carried into this batch by all B streams (layers, B, hidden), which batch, and the dropout seed.
 *
 * @param carriedC     the LSTM cell state, or null for GRU and RNN
 * @param dropoutState the driver's dropout stream as the step starts: every part draws the step's one weight-drop
 *                     mask from it ({@link dev.rnn4j.lm.CharLanguageModel#weightDropRng})
 */
record StepInput(float[] weights, float[] carriedH, float[] carriedC, int batchIndex, long dropoutSeed,
                 long dropoutState)
        implements Serializable {}
