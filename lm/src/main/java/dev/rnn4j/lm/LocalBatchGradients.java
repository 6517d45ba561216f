package dev.rnn4j.lm;

import dev.rnn4j.text.TbpttBatches;

/** {@link BatchGradients} of one machine: every stream of a batch in one forward and backward. */
final class LocalBatchGradients implements BatchGradients {
    private final CharLanguageModel model;
    private final TbpttBatches train;
    private final int[] validation;
    private final int[] x;
    private final int[] y;

    LocalBatchGradients(CharLanguageModel model, int[] trainTokens, int[] validationTokens, int batchSize,
            int seqLength) {
        this.model = model;
        this.train = new TbpttBatches(trainTokens, batchSize, seqLength);
        this.validation = validationTokens;
        this.x = new int[train.batchChars()];
        this.y = new int[train.batchChars()];
    }

    @Override
    public int batchesPerEpoch() { return train.count(); }

    @Override
    public double accumulate(int batchIndex, RecurrentState state) {
        train.fill(batchIndex, x, y);
        return model.trainingStep(x, y, train.batchSize(), train.seqLength(), state);
    }

    @Override
    public double validationLoss() {
        return Evaluation.meanLoss(model, validation, train.batchSize(), train.seqLength(), () -> model.train(true));
    }
}
