package dev.rnn4j.torch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds torch.save-shaped zips in tests: entries of a real file with some replaced (e.g. its data.pkl). */
final class TorchZips {
    private TorchZips() {}

    /** The entries of a real torch.save file, by name, in order. */
    static Map<String, byte[]> entries(Path file) {
        try {
            ZipArchive zip = ZipArchive.parse(Files.readAllBytes(file), file.toString());
            Map<String, byte[]> out = new LinkedHashMap<>();
            for (String name : zip.names()) out.put(name, zip.read(name));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A deflated zip of {@code entries} (java.util.zip computes sizes and CRCs). */
    static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A one-entry archive {@code archive/data.pkl} holding {@code pickle}. */
    static byte[] withPickle(byte[] pickle) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("archive/data.pkl", pickle);
        return zip(entries);
    }
}
