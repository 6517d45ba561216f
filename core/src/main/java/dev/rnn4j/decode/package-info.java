/**
 * Writing sequences with a trained model: {@link dev.rnn4j.decode.BeamSearch} (greedy for a batch, beam
 * search with length normalisation for one input) over any {@link dev.rnn4j.decode.StepDecoder}, a model
 * that gives next-token logits one step at a time.
 */
package dev.rnn4j.decode;
