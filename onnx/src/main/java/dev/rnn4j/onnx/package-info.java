/**
 * ONNX export, for running rnn4j models in onnxruntime and other ONNX runtimes: {@link dev.rnn4j.onnx.OnnxExport}
 * (the library's Lstm / Gru / Rnn, the character LM and the Keras-style Sequential) returning an
 * {@link dev.rnn4j.onnx.OnnxModel}. Recurrent layers become ONNX LSTM / GRU / RNN nodes with the gate rows
 * reordered (RecurrentGraph); an LSTM with a projection, which no ONNX operator expresses, becomes a Scan of
 * primitive operators (ProjectedLstmGraph); KerasGraph writes a Sequential one layer per method. The protobuf
 * classes ({@code dev.rnn4j.onnx.proto.OnnxProto}) are generated at build time from {@code src/main/proto/onnx.proto}.
 */
package dev.rnn4j.onnx;
