/**
 * The one training loop, {@link dev.rnn4j.train.Trainer}: batches → forward, loss and backward (a
 * {@code GradientStep} the model supplies, usually a chain of {@link dev.rnn4j.nn.Call}s) → divergence check →
 * gradient clipping → learning-rate schedule → optimizer step → a listener for metrics, progress and
 * checkpoints, with epoch, step and time limits.
 */
package dev.rnn4j.train;
