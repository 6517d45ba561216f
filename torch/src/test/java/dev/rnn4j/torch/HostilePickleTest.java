package dev.rnn4j.torch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pickles that would run code, or build anything but tensors, are refused whole with a clear message, and
 * what they would have done does not happen.
 */
class HostilePickleTest {
    @TempDir
    Path tmp;

    /** {@code evil.pt}: torch.save of an object whose __reduce__ is os.system("touch /tmp/rnn4j-torch-evil-ran"). */
    @Test
    void aTorchSaveOfAnObjectThatRunsAShellCommandIsRefused() throws Exception {
        Path marker = Path.of("/tmp/rnn4j-torch-evil-ran");
        Files.deleteIfExists(marker);
        String m = refused(Files.readAllBytes(TorchFiles.file("evil.pt")));
        assertTrue(m.contains("posix.system") && m.contains("refused before running anything"), m);
        assertFalse(Files.exists(marker), "the pickle's command ran");
    }

    @Test
    void builtinsEvalIsRefusedAndItsCodeDoesNotRun() {
        Path target = tmp.resolve("created-by-eval");
        Pickle p = new Pickle().global("builtins", "eval")
                .unicode("open('" + target + "', 'w').write('x')").op(0x85).op('R').op('.');
        String m = refused(TorchZips.withPickle(p.bytes()));
        assertTrue(m.contains("builtins.eval"), m);
        assertFalse(Files.exists(target));
    }

    /** A real state_dict with os.system appended before STOP: refused as a whole, though its start is valid. */
    @Test
    void aHostileGlobalAfterValidTensorsIsRefusedBeforeTheTensorsAreBuilt() {
        Path target = tmp.resolve("created-by-exec");
        Map<String, byte[]> entries = new LinkedHashMap<>(TorchZips.entries(TorchFiles.file("lstm_l2.pt")));
        String pkl = entries.keySet().stream().filter(n -> n.endsWith("/data.pkl")).findFirst().orElseThrow();
        byte[] real = entries.get(pkl);
        Pickle p = new Pickle().raw(Arrays.copyOf(real, real.length - 1)).global("builtins", "exec")
                .unicode("open('" + target + "', 'w')").op(0x85).op('R').op('0').op('.');
        entries.put(pkl, p.bytes());
        String m = refused(TorchZips.zip(entries));
        assertTrue(m.contains("builtins.exec"), m);
        assertFalse(Files.exists(target));
    }

    @Test
    void theReduceOfAClassOfItsOwnIsRefused() {
        String m = refused(TorchZips.withPickle(new Pickle().global("__main__",
                "Evil").op(')').op('R').op('.').bytes()));
        assertTrue(m.contains("__main__.Evil") && m.contains("model.state_dict()"), m);
    }

    @Test
    void opcodesThatBuildObjectsAreRefused() {
        for (int op : new int[] {'i', 'o', 0x81, 0x92, 0x82, 'P', 'S', 'V', 0x96, 0x97, 0x98}) {
            String m = refused(TorchZips.withPickle(new Pickle().op(0x80).op(2).op(op).op('.').bytes()));
            assertTrue(m.contains("opcode") && m.contains("refused before running anything"), m);
        }
    }

    @Test
    void anAllowedClassIsNotCallableWithOtherArguments() {
        String m = refused(TorchZips.withPickle(new Pickle().global("torch",
                "FloatStorage").op(')').op('R').op('.').bytes()));
        assertTrue(m.contains("calls torch.FloatStorage"), m);
        m = refused(TorchZips.withPickle(new Pickle().global("collections", "OrderedDict").unicode("x").op(0x85).op('R')
                .op('.').bytes()));
        assertTrue(m.contains("OrderedDict from arguments"), m);
    }

    @Test
    void aStorageKeyThatIsAPathIsRefused() {
        Pickle p = new Pickle().op('}').unicode("w").global("torch._utils", "_rebuild_tensor_v2").op('(')
                .op('(').unicode("storage").global("torch",
                "FloatStorage").unicode("../../../etc/passwd").unicode("cpu")
                .op('K').op(1).op('t').op('Q').op('K').op(0).op(')').op(')').op(0x89).op('}').op('t').op('R')
                .op('s').op('.');
        String m = refused(TorchZips.withPickle(p.bytes()));
        assertTrue(m.contains("storage key that is not a plain name"), m);
    }

    /** A list holding itself as a dict key would recurse forever when hashed; a negative offset reads before the
     * storage. */
    @Test
    void selfReferenceAndNegativeOffsetsFailCleanly() {
        Pickle selfKey = new Pickle().op('}').op(']').op('q').op(0).op('h').op(0).op('a').unicode("v").op('s').op('.');
        assertTrue(refused(TorchZips.withPickle(selfKey.bytes())).contains("as a dict key"));
        Pickle negative = new Pickle().op('}').unicode("w").global("torch._utils", "_rebuild_tensor_v2").op('(')
                .op('(').unicode("storage").global("torch", "FloatStorage").unicode("0").unicode("cpu")
                .op('K').op(1).op('t').op('Q').op('J').op(0xff).op(0xff).op(0xff).op(0xff)
                .op(')').op(')').op(0x89).op('}')
                .op('t').op('R').op('s').op('.');
        assertTrue(refused(TorchZips.withPickle(negative.bytes())).contains("_rebuild_tensor_v2 with arguments"));
    }

    @Test
    void somethingOtherThanAStateDictIsRefused() {
        assertTrue(refused(TorchZips.withPickle(new Pickle().op(']').op('.').bytes())).contains("not a state_dict"));
        Pickle nested = new Pickle().op('}').unicode("model").op('}').op('s').op('.');
        String m = refused(TorchZips.withPickle(nested.bytes()));
        assertTrue(m.contains("no state_dict in it") && m.contains("'model': a dict"), m);
        assertTrue(refused(new byte[] {(byte) 0x80, 2, (byte) 0x8a, 10}).contains("bare pickle"));
        assertTrue(refused("just text".getBytes(StandardCharsets.UTF_8)).contains("neither a PyTorch checkpoint"));
    }

    /** {@code evil_p4.pt}: the same object saved with pickle_protocol=4, whose global comes from STACK_GLOBAL. */
    @Test
    void aProtocol4PickleThatRunsAShellCommandIsRefused() throws Exception {
        Path marker = Path.of("/tmp/rnn4j-torch-evil-ran");
        Files.deleteIfExists(marker);
        String m = refused(Files.readAllBytes(TorchFiles.file("evil_p4.pt")));
        assertTrue(m.contains("posix.system") && m.contains("refused before running anything"), m);
        assertFalse(Files.exists(marker), "the pickle's command ran");
    }

    /** STACK_GLOBAL's names from string opcodes, from the memo, and after a real checkpoint's valid start. */
    @Test
    void stackGlobalNamesAreCheckedWhereverTheyComeFrom() {
        Path target = tmp.resolve("created-by-stack-global");
        String code = "open('" + target + "', 'w').write('x')";
        Pickle direct = new Pickle().op(0x80).op(4).shortUnicode("builtins").op(0x94).shortUnicode("exec").op(0x94)
                .op(0x93).unicode(code).op(0x85).op('R').op('.');
        assertTrue(refused(TorchZips.withPickle(direct.bytes())).contains("builtins.exec"));
        Pickle fromMemo = new Pickle().op(0x80).op(4).shortUnicode("os").op(0x94).op('0').op('h').op(0)
                .shortUnicode("system").op(0x93).unicode("touch " + target).op(0x85).op('R').op('.');
        assertTrue(refused(TorchZips.withPickle(fromMemo.bytes())).contains("os.system"));
        Map<String, byte[]> entries = new LinkedHashMap<>(TorchZips.entries(TorchFiles.file("ckpt_lstm_p4.pt")));
        String pkl = entries.keySet().stream().filter(n -> n.endsWith("/data.pkl")).findFirst().orElseThrow();
        byte[] real = entries.get(pkl);
        Pickle after = new Pickle().raw(Arrays.copyOf(real, real.length - 1)).shortUnicode("builtins")
                .shortUnicode("eval").op(0x93).unicode(code).op(0x85).op('R').op('0').op('.');
        entries.put(pkl, after.bytes());
        assertTrue(refused(TorchZips.zip(entries)).contains("builtins.eval"));
        Pickle notStrings = new Pickle().op(0x80).op(4).op('K').op(1).op('K').op(2).op(0x93).op('.');
        assertTrue(refused(TorchZips.withPickle(notStrings.bytes())).contains("not two strings"));
        assertFalse(Files.exists(target));
    }

    /** The legacy format's five pickles are all checked before any is built: a hostile last one (the storage
     * key list, after a valid saved object) refuses the file. */
    @Test
    void aLegacyFileIsCheckedWholeBeforeAnyOfItsPicklesIsBuilt() throws Exception {
        Path target = tmp.resolve("created-by-legacy");
        byte[] real = Files.readAllBytes(TorchFiles.file("ckpt_rnn_legacy.pt"));
        int keys = 15;   // after the magic number's pickle: the version, sys_info and the saved object
        for (int i = 0; i < 3; i++) keys = RestrictedUnpickler.check(real, keys, "legacy");
        int storages = RestrictedUnpickler.check(real, keys, "legacy");
        Pickle p = new Pickle().raw(Arrays.copyOf(real, keys)).op(0x80).op(2).global("builtins", "exec")
                .unicode("open('" + target + "', 'w')").op(0x85).op('R').op('.')
                .raw(Arrays.copyOfRange(real, storages, real.length));
        assertTrue(refused(p.bytes()).contains("builtins.exec"));
        assertFalse(Files.exists(target));
        assertEquals(7, TorchStateDict.read(real, "legacy").size());   // the real file: embedding, rnn's 4, head's 2
    }

    /** What a legitimate state_dict holds still loads: the refusals above are not everything refused. */
    @Test
    void theSameReaderLoadsARealStateDict() {
        assertEquals(8, TorchStateDict.read(TorchZips.zip(TorchZips.entries(TorchFiles.file("lstm_l2.pt"))),
                "rezipped").size());
    }

    private static String refused(byte[] file) {
        TorchFormatException e = assertThrows(TorchFormatException.class, () -> TorchStateDict.read(file,
                "hostile.pt"));
        assertTrue(e.getMessage().startsWith("hostile.pt"), e.getMessage());
        return e.getMessage();
    }

    /** Writes pickle opcodes by hand. */
    static final class Pickle {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Pickle op(int b) { out.write(b); return this; }

        Pickle raw(byte[] b) { out.writeBytes(b); return this; }

        Pickle global(String module, String name) {
            return op('c').raw((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
        }

        Pickle unicode(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            op('X').op(b.length).op(b.length >> 8).op(b.length >> 16).op(b.length >> 24);
            return raw(b);
        }

        Pickle shortUnicode(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            return op(0x8c).op(b.length).raw(b);
        }

        byte[] bytes() { return out.toByteArray(); }
    }
}
