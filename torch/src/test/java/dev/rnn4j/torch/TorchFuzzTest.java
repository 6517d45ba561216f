package dev.rnn4j.torch;

import dev.rnn4j.tensor.Rng;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Thousands of mutated and truncated real files: each reads or fails with one clear {@link IllegalArgumentException}
 * (a {@link TorchFormatException}, or the safetensors reader's), never another exception, a hang or an
 * allocation the file does not justify. Pickle mutations are zipped again with valid CRCs, so they reach the
 * unpickler and the tensor views rather than stopping at the zip's checksum.
 */
class TorchFuzzTest {
    private static final List<String> SEEDS = List.of("lstm_l2.pt", "lstm_proj_bidir_nobias.pt", "gru_bidir_f64.pt",
            "rnn_tanh.pt", "tensors.pt", "lstm_f16.pt", "charlm_gru.safetensors", "ckpt_lstm_p4.pt", "ckpt_gru_p5.pt",
            "ckpt_rnn_legacy.pt");
    /** The legacy format is no zip: its pickles are mutated in place by {@link #mutate}. */
    private static final String NOT_ZIPPED = "ckpt_rnn_legacy.pt";
    /** 2,500 cases of each kind take about 3 s on one idle core; a busy machine stops earlier, after 200 at least. */
    private static final Duration BUDGET = Duration.ofSeconds(8);
    /** Pickle opcodes to splice in: the allowed ones (protocol 2, then 3 to 5: STACK_GLOBAL, MEMOIZE, FRAME,
     * SHORT_BINUNICODE, BINUNICODE8, BINBYTES8, sets, bytes), and some that must be refused. */
    private static final byte[] OPCODES = opcodes("().tqhKMJXQRbsu}]aeNGc0iBC",
            0x93, 0x94, 0x95, 0x8c, 0x8d, 0x8e, 0x8f, 0x90, 0x91, 0x81, 0x96);

    @Test
    void mutatedArchivesFailCleanly() throws Exception {
        List<byte[]> seeds = new ArrayList<>();
        for (String s : SEEDS) seeds.add(Files.readAllBytes(TorchFiles.file(s)));
        Rng rng = new Rng(2026);
        int[] outcomes = new int[2];
        long deadline = System.nanoTime() + BUDGET.toNanos();
        assertTimeoutPreemptively(BUDGET.multipliedBy(3), () -> {
            for (int i = 0; i < 2500 && System.nanoTime() < deadline; i++) {
                outcomes[readOrRefuse(mutate(seeds.get(rng.nextInt(seeds.size())), rng))]++;
            }
        });
        System.out.printf("archive fuzz: %d read, %d refused%n", outcomes[0], outcomes[1]);
        assertTrue(outcomes[0] + outcomes[1] >= 200 && outcomes[1] > 0, Arrays.toString(outcomes));
    }

    @Test
    void mutatedPicklesFailCleanly() {
        List<Map<String, byte[]>> seeds = new ArrayList<>();
        for (String s : SEEDS) {
            if (s.endsWith(".pt") && !s.equals(NOT_ZIPPED)) seeds.add(TorchZips.entries(TorchFiles.file(s)));
        }
        Rng rng = new Rng(13);
        int[] outcomes = new int[2];
        long deadline = System.nanoTime() + BUDGET.toNanos();
        assertTimeoutPreemptively(BUDGET.multipliedBy(3), () -> {
            for (int i = 0; i < 2500 && System.nanoTime() < deadline; i++) {
                Map<String, byte[]> entries = new LinkedHashMap<>(seeds.get(rng.nextInt(seeds.size())));
                String pkl = entries.keySet().stream().filter(n -> n.endsWith("data.pkl")).findFirst().orElseThrow();
                entries.put(pkl, mutatePickle(entries.get(pkl), rng));
                outcomes[readOrRefuse(TorchZips.zip(entries))]++;
            }
        });
        System.out.printf("pickle fuzz: %d read, %d refused%n", outcomes[0], outcomes[1]);
        assertTrue(outcomes[0] + outcomes[1] >= 200 && outcomes[0] > 0 && outcomes[1] > 0,
                "mutations should both survive and break: " + Arrays.toString(outcomes));
    }

    /** 0 when the bytes read (and every tensor converts), 1 when refused with a message. */
    private static int readOrRefuse(byte[] bytes) {
        try {
            TorchStateDict.read(bytes, "fuzz.pt").values().forEach(TorchTensor::toFloat32);
            return 0;
        } catch (IllegalArgumentException expected) {
            assertFalse(expected.getMessage() == null || expected.getMessage().isBlank());
            assertTrue(expected.getMessage().contains("fuzz.pt"), expected.getMessage());
            return 1;
        }
    }

    private static byte[] opcodes(String ascii, int... more) {
        byte[] a = ascii.getBytes(StandardCharsets.US_ASCII), out = Arrays.copyOf(a, a.length + more.length);
        for (int i = 0; i < more.length; i++) out[a.length + i] = (byte) more[i];
        return out;
    }

    private static byte[] mutate(byte[] seed, Rng rng) {
        byte[] b = seed.clone();
        switch (rng.nextInt(5)) {
            case 0 -> b[rng.nextInt(b.length)] ^= (byte) (1 << rng.nextInt(8));
            case 1 -> b = Arrays.copyOf(b, rng.nextInt(b.length));
            case 2 -> {   // the directory and end records sit at the end: hit them often
                int tail = Math.min(b.length, 200);
                for (int k = 0; k < 1
                        + rng.nextInt(3); k++) b[b.length - 1 - rng.nextInt(tail)] = (byte) rng.nextInt(256);
            }
            case 3 -> b[rng.nextInt(b.length)] = (byte) (rng.nextInt(2) == 0 ? 0xFF : 0);
            default -> {
                int at = rng.nextInt(b.length), n = 1 + rng.nextInt(16);
                byte[] grown = new byte[b.length + n];
                System.arraycopy(b, 0, grown, 0, at);
                System.arraycopy(b, at, grown, at + n, b.length - at);
                b = grown;
            }
        }
        return b;
    }

    private static byte[] mutatePickle(byte[] seed, Rng rng) {
        byte[] b = seed.clone();
        int at = rng.nextInt(b.length);
        switch (rng.nextInt(5)) {
            case 0 -> b[at] ^= (byte) (1 << rng.nextInt(8));
            case 1 -> b = Arrays.copyOf(b, at);
            case 2 -> b[at] = OPCODES[rng.nextInt(OPCODES.length)];
            case 3 -> b[at] = (byte) rng.nextInt(256);   // often a size, stride, offset or memo index
            default -> {   // a slice repeated: pushes, memo writes and calls out of their order
                int n = Math.min(b.length - at, 1 + rng.nextInt(24));
                byte[] grown = new byte[b.length + n];
                System.arraycopy(b, 0, grown, 0, at + n);
                System.arraycopy(b, at, grown, at + n, b.length - at);
                b = grown;
            }
        }
        return b;
    }
}
