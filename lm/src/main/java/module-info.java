/**
 * The character language model over the rnn4j engine: training with truncated BPTT, checkpoints with exact
 * resume, evaluation and sampling.
 */
module dev.rnn4j.lm {
    requires transitive dev.rnn4j.core;

    exports dev.rnn4j.lm;
}
