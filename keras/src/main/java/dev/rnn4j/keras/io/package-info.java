/**
 * Keras model files in and out: {@link dev.rnn4j.keras.io.KerasModels#load} reads a Keras 3 {@code .keras} zip or a
 * legacy Keras 2 {@code .h5} file into a {@link dev.rnn4j.keras.Sequential}, {@link
 * dev.rnn4j.keras.io.KerasModels#save}
 * writes one as {@code .keras}. Sequential models load, and functional ones whose graph is one chain
 * ({@code FunctionalChain}). HDF5 goes through jhdf; the layer configs map onto the {@code dev.rnn4j.keras} layers
 * ({@code LayerBuilder}) and Keras's variables onto their PyTorch-layout parameters ({@code WeightMapping}: kernels
 * transposed, GRU gates z, r, h reordered to r, z, n), a Keras 3 file's optimizer slots likewise
 * ({@code OptimizerSlots}). What cannot be reproduced exactly is refused with a
 * {@link dev.rnn4j.keras.io.KerasFileException} naming the file, the layer and the option.
 *
 * <pre>{@code
 * Sequential model = KerasModels.load(Path.of("model.keras"));
 * Tensor y = model.predict(x);
 * }</pre>
 */
package dev.rnn4j.keras.io;
