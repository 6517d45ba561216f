package dev.rnn4j.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.rnn4j.lm.CharLanguageModel;
import dev.rnn4j.lm.CharLmConfig;
import dev.rnn4j.lm.SamplingConfig;
import dev.rnn4j.lm.TextGenerator;
import dev.rnn4j.nn.RecurrentKind;
import dev.rnn4j.text.Vocabulary;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The README's Java example: greedy generation in onnxruntime from an exported file, one character per run with
 * hn/cn fed back as h0/c0, writes the same text as rnn4j's own greedy sampler.
 */
class StreamingExampleTest {
    @ParameterizedTest
    @EnumSource(RecurrentKind.class)
    void onnxruntimeGeneratesWhatRnn4jGenerates(RecurrentKind kind, @TempDir Path tmp) throws OrtException {
        Vocabulary vocab = Vocabulary.of("ROMEO: wherefore art thou\n");
        CharLmConfig config = new CharLmConfig(kind, vocab.size(), 24, 2, 0f, 4);
        if (kind == RecurrentKind.LSTM) config = config.withProjSize(12).withEmbeddingSize(10);   // h0 ≠ c0 in size
        CharLanguageModel model = new CharLanguageModel(config);
        Path file = tmp.resolve("tiny.onnx");
        OnnxExport.charLm(model, vocab).save(file);

        StringBuilder expected = new StringBuilder("ROMEO:");
        new TextGenerator(model, vocab, new SamplingConfig(1, 0, 1, true), 1)
                .generate("ROMEO:", 40, (token, p) -> expected.append(vocab.decode(token)));
        assertEquals(expected.toString(), greedy(file, "ROMEO:", 40));
    }

    /** The README's example, as it is printed there. */
    static String greedy(Path file, String prime, int length) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(file.toString())) {
            // from here to the end: the README's example with "ROMEO:" as prime and 200 as length
            String chars = s.getMetadata().getCustomMetadata().get("vocabulary");
            boolean lstm = s.getInputNames().contains("c0");
            long[] h0 = ((TensorInfo) s.getInputInfo().get("h0").getInfo()).getShape();   // [layers, -1, size]
            long[] c0 = lstm ? ((TensorInfo) s.getInputInfo().get("c0").getInfo()).getShape() : h0;
            long[] hShape = {h0[0], 1, h0[2]}, cShape = {c0[0], 1, c0[2]};             // batch 1
            float[] h = new float[(int) (h0[0] * h0[2])], c = new float[(int) (c0[0] * c0[2])];
            long[] tokens = prime.chars().mapToLong(chars::indexOf).toArray();
            StringBuilder text = new StringBuilder(prime);
            for (int i = 0; i < length; i++) {
                Map<String, OnnxTensor> in = new HashMap<>();
                in.put("tokens", OnnxTensor.createTensor(env, LongBuffer.wrap(tokens), new long[] {1, tokens.length}));
                in.put("h0", OnnxTensor.createTensor(env, FloatBuffer.wrap(h), hShape));
                if (lstm) in.put("c0", OnnxTensor.createTensor(env, FloatBuffer.wrap(c), cShape));
                try (OrtSession.Result r = s.run(in)) {
                    float[][][] logits = (float[][][]) r.get("logits").orElseThrow().getValue();  // [1, steps, V]
                    float[] last = logits[0][tokens.length - 1];
                    int next = 0;
                    for (int k = 1; k < last.length; k++) if (last[k] > last[next]) next = k;
                    text.append(chars.charAt(next));
                    tokens = new long[] {next};                                // the next run reads only this one
                    ((OnnxTensor) r.get("hn").orElseThrow()).getFloatBuffer().get(h);   // carry the state
                    if (lstm) ((OnnxTensor) r.get("cn").orElseThrow()).getFloatBuffer().get(c);
                } finally {
                    in.values().forEach(OnnxTensor::close);
                }
            }
            return text.toString();
        }
    }
}
