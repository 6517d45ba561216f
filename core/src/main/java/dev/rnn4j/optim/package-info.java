/**
 * Optimizers with PyTorchs update rules and defaults — {@link dev.rnn4j.optim.Sgd} (momentum, Nesterov),
 * {@link dev.rnn4j.optim.Adagrad}, {@link dev.rnn4j.optim.RmsProp}, {@link dev.rnn4j.optim.Adam},
 * {@link dev.rnn4j.optim.AdamW} — over a {@link dev.rnn4j.nn.ParameterBuffer}, plus
 * {@link dev.rnn4j.optim.GradClip} ({@code clip_grad_norm_}), {@link dev.rnn4j.optim.LrSchedule} and
 * {@link dev.rnn4j.optim.ReduceLrOnPlateau} ({@code ReduceLROnPlateau}).
 * Their state ({@link dev.rnn4j.optim.OptimizerState}) goes into checkpoints for exact resume.
 */
package dev.rnn4j.optim;
