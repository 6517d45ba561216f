/**
 * The character-level language model (char-rnn with PyTorch names): {@link dev.rnn4j.lm.CharLanguageModel}
 * ({@code embedding -> lstm|gru|rnn -> head}), {@link dev.rnn4j.lm.CharLmTrainer} (truncated BPTT with the
 * state carried across batches, clipping, schedules, checkpoints every N steps and exact resume),
 * {@link dev.rnn4j.lm.CharLmCheckpoint} (safetensors under {@code state_dict} names),
 * {@link dev.rnn4j.lm.TextGenerator} and {@link dev.rnn4j.lm.Sampler} (temperature, top-k, top-p),
 * {@link dev.rnn4j.lm.Evaluation} (loss and bits per character) and {@link dev.rnn4j.lm.WeightAverage}.
 * The {@code train}, {@code sample}, {@code eval} and {@code average} commands are thin wrappers of these.
 */
package dev.rnn4j.lm;
