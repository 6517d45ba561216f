package dev.rnn4j.torch;

import dev.rnn4j.torch.RestrictedUnpickler.StorageRef;
import dev.rnn4j.torch.RestrictedUnpickler.Unpickled;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * PyTorch's legacy file format ({@code torch.save(obj, f, _use_new_zipfile_serialization=False)}, and every
 * file of PyTorch before 1.6): five pickles in a row, then the storages' bytes. The pickles are the magic
 * number, the format version (1001), {@code sys_info} (byte order, type sizes), the saved object, and the
 * sorted list of storage keys; each storage follows as an int64 element count and its elements. All five
 * pickles are checked by the {@link RestrictedUnpickler} before any of them is built.
 */
final class LegacyTorchFile {
    /** {@code pickle.dumps(0x1950a86a20f9469cfc6c, protocol=2)}: the first pickle of every legacy file. */
    private static final byte[] MAGIC = {(byte) 0x80, 2, (byte) 0x8a, 10, 0x6c, (byte) 0xfc, (byte) 0x9c, 0x46,
            (byte) 0xf9, 0x20, 0x6a, (byte) 0xa8, 0x50, 0x19, '.'};
    private static final long FORMAT_VERSION = 1001;

    private LegacyTorchFile() {}

    static boolean looksLegacy(byte[] bytes) {
        return bytes.length >= MAGIC.length && Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /** The state_dict of a legacy file; {@code key} as in {@link TorchStateDict#read(byte[], String, String)}. */
    static Map<String, TorchTensor> read(byte[] bytes, String source, String key) {
        int[] start = new int[5];
        start[0] = MAGIC.length;
        for (int i = 0; i < 4; i++) start[i + 1] = RestrictedUnpickler.check(bytes, start[i], source);
        Object version = RestrictedUnpickler.build(bytes, start[0], source).value();
        if (!Long.valueOf(FORMAT_VERSION).equals(version)) {
            throw new TorchFormatException(source + " is a legacy torch.save file of format " + version
                    + ", not 1001 (PyTorch 0.4 to 1.13): load it in PyTorch and save it again");
        }
        Object sysInfo = RestrictedUnpickler.build(bytes, start[1], source).value();
        if (!(sysInfo instanceof Map<?, ?> info) || !(info.get("little_endian") instanceof Boolean little)) {
            throw new TorchFormatException(source + " is a damaged legacy torch.save file: its sys_info does not "
                    + "say the byte order");
        }
        ByteOrder order = little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        Unpickled saved = RestrictedUnpickler.build(bytes, start[2], source);
        Object keys = RestrictedUnpickler.build(bytes, start[3], source).value();
        Map<String, byte[]> storages = storages(bytes, start[4], keys, saved.storages(), order, source);
        return TorchStateDict.gather(StateDictFinder.find(saved.value(), key, source), storages::get, order,
                source);
    }

    /** The storages' bytes after the last pickle, by key, in the order the key list gives. */
    private static Map<String, byte[]> storages(byte[] bytes, int at, Object keys, Map<String, StorageRef> named,
            ByteOrder order, String source) {
        if (!(keys instanceof List<?> list)) throw new TorchFormatException(source + " is a damaged legacy torch.save"
                + " file: it lists its storages as " + PickleValues.kind(keys) + ", not a list of keys");
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(order);
        Map<String, byte[]> out = new HashMap<>();
        for (Object k : list) {
            StorageRef s = k instanceof String name ? named.get(name) : null;
            if (s == null) throw new TorchFormatException(source + " is a damaged legacy torch.save file: it stores "
                    + "storage " + k + ", which its pickle never names");
            if (bytes.length - at < 8 || buf.getLong(at) != s.numel()) {
                throw new TorchFormatException(source + " is truncated or damaged: storage " + s.key() + " should "
                        + "hold " + s.numel() + " elements at byte " + at);
            }
            long size = s.numel() > bytes.length ? Long.MAX_VALUE : s.numel() * s.dtype().bytes();
            if (size > bytes.length - at - 8L) throw new TorchFormatException(source + " is truncated: storage "
                    + s.key() + " needs " + size + " bytes after byte " + (at + 8));
            out.put(s.key(), Arrays.copyOfRange(bytes, at + 8, at + 8 + (int) size));
            at += 8 + (int) size;
        }
        return out;
    }
}
