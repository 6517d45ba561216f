package dev.rnn4j.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A run directory whose checkpoints survive a kill at any moment. Each checkpoint is written into a
 * temporary directory, every file fsynced, then renamed to {@code step-000200/}; only then are the
 * {@code latest} (and {@code best}) symbolic links swapped to it by an atomic rename. A reader following
 * {@code latest} therefore always finds a complete checkpoint. Older step directories are removed.
 *
 * <pre>{@code
 * Path dir = CheckpointDirectory.commit(runDir, 200,
 *         tmp -> SafeTensors.write(tmp.resolve("model.safetensors"), ...), true);
 * Path latest = CheckpointDirectory.resolve(runDir);   // runDir/step-000200
 * }</pre>
 */
public final class CheckpointDirectory {
    public static final String LATEST = "latest";
    public static final String BEST = "best";

    private CheckpointDirectory() {}

    /**
     * Writes a checkpoint with {@code writer} (which fills the directory it is given) and publishes it,
     * keeping only the {@code latest} and {@code best} step directories.
     */
    public static Path commit(Path runDir, long step, Consumer<Path> writer, boolean best) {
        return commit(runDir, step, writer, best, false);
    }

    /** As {@link #commit(Path, long, Consumer, boolean)}; with {@code keepAll} every step directory stays. */
    public static Path commit(Path runDir, long step, Consumer<Path> writer, boolean best, boolean keepAll) {
        try {
            Files.createDirectories(runDir);
            String name = String.format("step-%09d", step);
            Path tmp = Files.createDirectory(runDir.resolve("." + name + ".tmp-" + System.nanoTime()));
            writer.accept(tmp);
            try (Stream<Path> files = Files.list(tmp)) {
                for (Path f : files.toList()) fsync(f, false);
            }
            fsync(tmp, true);
            Path dir = runDir.resolve(name);
            if (Files.exists(dir)) deleteTree(dir);   // a re-save of the same step (e.g. after resume)
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            fsync(runDir, true);
            pointTo(runDir, LATEST, name);
            if (best) pointTo(runDir, BEST, name);
            fsync(runDir, true);
            prune(runDir, keepAll);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint in " + runDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The checkpoint directory {@code path} means: itself when it holds {@code expectedFile}, else its
     * {@code latest} link. Errors say what was expected.
     */
    public static Path resolve(Path path, String expectedFile) {
        if (Files.isRegularFile(path.resolve(expectedFile))) return path;
        Path latest = path.resolve(LATEST);
        if (Files.isRegularFile(latest.resolve(expectedFile))) return latest;
        if (!Files.exists(path)) throw new IllegalArgumentException("no such checkpoint directory: " + path);
        throw new IllegalArgumentException(path + " is not a checkpoint: it has neither " + expectedFile + " nor "
                + LATEST + "/" + expectedFile + " (pass the --out directory of a training run)");
    }

    private static void pointTo(Path runDir, String linkName, String target) throws IOException {
        Path tmpLink = runDir.resolve("." + linkName + ".tmp");
        Files.deleteIfExists(tmpLink);
        Files.createSymbolicLink(tmpLink, Path.of(target));
        Files.move(tmpLink, runDir.resolve(linkName), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** Removes leftovers of interrupted writes and (unless {@code keepAll}) step directories neither link points to. */
    private static void prune(Path runDir, boolean keepAll) throws IOException {
        Path latest = target(runDir, LATEST), best = target(runDir, BEST);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(runDir)) {
            for (Path p : entries) {
                String n = p.getFileName().toString();
                boolean stepDir = n.startsWith("step-")
                        && Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                boolean leftover = n.startsWith(".step-") && n.contains(".tmp-");
                boolean linked = p.getFileName().equals(latest) || p.getFileName().equals(best);
                if ((stepDir && !keepAll && !linked) || leftover) deleteTree(p);
            }
        }
    }

    private static Path target(Path runDir, String link) throws IOException {
        Path l = runDir.resolve(link);
        return Files.isSymbolicLink(l) ? Files.readSymbolicLink(l).getFileName() : null;
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
        }
    }

    static void fsync(Path p, boolean directory) throws IOException {
        try (FileChannel ch = FileChannel.open(p, directory ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
            ch.force(true);
        } catch (IOException e) {
            if (!directory) throw e;   // some file systems cannot sync directories; files are what matter
        }
    }
}
