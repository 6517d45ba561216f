/**
 * Files: {@link dev.rnn4j.io.SafeTensors} (validated read and write of the safetensors format),
 * {@link dev.rnn4j.io.AtomicFiles} and {@link dev.rnn4j.io.CheckpointDirectory} (writes that survive a
 * kill at any moment), and a small strict {@link dev.rnn4j.io.Json} for headers and configs.
 */
package dev.rnn4j.io;
