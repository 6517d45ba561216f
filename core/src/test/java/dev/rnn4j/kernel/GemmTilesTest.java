package dev.rnn4j.kernel;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The products' bits do not depend on the register tile: this JVM's against the AVX2 one (4 rows, 8 lanes) in a child
 * JVM with {@code -XX:UseAVX=2}. A C element's sum is ordered by k alone, so every tile gives the same bits. On an
 * AVX-512 machine that compares the 8-row and the 4-row tile; on an AVX2 machine the child runs this JVM's tile.
 * (The SSE tile, {@code -XX:UseAVX=0}, gives the same bits too, but its 4-lane vectors run 50 times slower there.)
 */
class GemmTilesTest {
    @Test
    void theAvx2TileGivesTheBitsOfThisOne() throws Exception {
        String here = GemmMicroKernel.L + " " + GemmMicroKernel.MR + " " + GemmChecksum.of();
        String child = childJvm("-XX:UseAVX=2");
        System.out.println("GEMM bits (lanes, tile rows, hash): here " + here + ", with -XX:UseAVX=2 " + child);
        assertEquals(here.substring(here.lastIndexOf(' ')), child.substring(child.lastIndexOf(' ')),
                "bits here (" + here + ") and with -XX:UseAVX=2 (" + child + ")");
        if (GemmMicroKernel.L == 16) assertTrue(child.startsWith("8 4 "), "the child ran the AVX2 tile: " + child);
    }

    private static String childJvm(String flag) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-XX:+IgnoreUnrecognizedVMOptions", flag,
                "--add-modules=jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                GemmChecksum.class.getName()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM " + flag + " finished");
        assertEquals(0, p.exitValue(), "child JVM " + flag + " failed, printed: " + out);
        return out;
    }
}
