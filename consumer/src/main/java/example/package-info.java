/** A user's project: trains a tiny LSTM with rnn4j as a dependency ({@code consumer/run}). */
package example;
