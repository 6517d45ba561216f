/**
 * Keras-style models over rnn4j's PyTorch-exact layers: {@link dev.rnn4j.keras.Embedding},
 * {@link dev.rnn4j.keras.SimpleRNN}, {@link dev.rnn4j.keras.LSTM}, {@link dev.rnn4j.keras.GRU},
 * {@link dev.rnn4j.keras.Bidirectional}, {@link dev.rnn4j.keras.Dense}, {@link dev.rnn4j.keras.Dropout},
 * {@link dev.rnn4j.keras.Masking}, {@link dev.rnn4j.keras.TimeDistributed}, {@link dev.rnn4j.keras.GlobalMaxPooling1D},
 * {@link dev.rnn4j.keras.GlobalAveragePooling1D}, composed by {@link dev.rnn4j.keras.Sequential} with Keras's
 * {@code summary()}, {@code compile}, {@code fit}, {@code evaluate} and {@code predict}. Parameter counts
 * are Keras's (one bias in SimpleRNN, LSTM and GRU with {@code resetAfter(false)}, two in the default GRU), and so
 * are the default initialisers. Keras files load and save through {@link dev.rnn4j.keras.io.KerasModels}.
 *
 * <pre>{@code
 * Sequential model = Sequential.of(new Embedding(10000, 32), new SimpleRNN(32), new Dense(1, Activation.SIGMOID));
 * model.printSummary();
 * model.compile("rmsprop", "binary_crossentropy", "acc");
 * History h = model.fit(x, y, 10, 128, 0.2);
 * }</pre>
 *
 * <h2>Encoder-decoders</h2>
 * {@link dev.rnn4j.keras.EncoderDecoder} is Keras's two-input sequence-to-sequence model, the encoder's final states
 * starting a decoder layer, with the same {@code compile}, {@code fit}, {@code evaluate} and {@code predict} (both
 * models are {@link dev.rnn4j.keras.KerasModel}s) and greedy decoding.
 *
 * <h2>Functional composition</h2>
 * Composition is at layer granularity, without a graph: build each layer for its input shape, call the
 * layers in the order the data flows, keep their {@link dev.rnn4j.keras.LayerCall}s, and call
 * {@code backward} in reverse, feeding each layer the gradient of its output. A sequence-to-sequence
 * model, for example:
 * <pre>{@code
 * Rng rng = new Rng(1);
 * Embedding srcEmb = new Embedding(V, 64), tgtEmb = new Embedding(V, 64);
 * LSTM encoder = new LSTM(128).returnState(true);
 * LSTM decoder = new LSTM(128).returnSequences(true);
 * Dense head = new Dense(V, Activation.SOFTMAX);
 * srcEmb.build(Shape.batchOf(Shape.NONE), rng);  tgtEmb.build(Shape.batchOf(Shape.NONE), rng);
 * encoder.build(Shape.batchOf(Shape.NONE, 64), rng);  decoder.build(Shape.batchOf(Shape.NONE, 64), rng);
 * head.build(Shape.batchOf(Shape.NONE, 128), rng);
 *
 * LayerCall s = srcEmb.call(src, null, true), t = tgtEmb.call(tgtIn, null, true);
 * RecurrentCall enc = encoder.call(s.output(), s.lengths(), true);
 * RecurrentCall dec = decoder.call(t.output(), t.lengths(), enc.states(), true);   // [h, c] from the encoder
 * Dense.Call out = head.call(dec.output(), dec.lengths(), true);
 * // ... loss gradient dOut w.r.t. out.output(), then in reverse:
 * RecurrentCall.Gradients gd = dec.backward(out.backward(dOut), null);
 * t.backward(gd.input());
 * RecurrentCall.Gradients ge = enc.backward(null, gd.initialState());   // the states' gradient reaches the encoder
 * s.backward(ge.input());
 * }</pre>
 * A {@link dev.rnn4j.keras.Sequential} is such a list run in order, and is itself a
 * {@link dev.rnn4j.keras.Layer}, so it can be one step of a larger composition.
 */
package dev.rnn4j.keras;
