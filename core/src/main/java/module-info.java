/**
 * The rnn4j engine: tensors, Vector API kernels, recurrent layers with PyTorch semantics, losses, optimizers,
 * safetensors checkpoints, text, decoding and gradient checks. No dependencies beyond the JDK; the kernels need
 * the incubating Vector API, so a JVM running this on the class path needs
 * {@code --add-modules jdk.incubator.vector}.
 */
module dev.rnn4j.core {
    requires java.management;   // the FMA peak times each kernel thread by its CPU time
    requires jdk.incubator.vector;

    exports dev.rnn4j.check;
    exports dev.rnn4j.decode;
    exports dev.rnn4j.io;
    exports dev.rnn4j.kernel;
    exports dev.rnn4j.loss;
    exports dev.rnn4j.nn;
    exports dev.rnn4j.optim;
    exports dev.rnn4j.tensor;
    exports dev.rnn4j.text;
    exports dev.rnn4j.train;
}
