package dev.rnn4j.kernel;

import org.junit.jupiter.api.Test;

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
        String child = ChildJvm.output(GemmChecksum.class, "-XX:+IgnoreUnrecognizedVMOptions", "-XX:UseAVX=2");
        System.out.println("GEMM bits (lanes, tile rows, hash): here " + here + ", with -XX:UseAVX=2 " + child);
        assertEquals(here.substring(here.lastIndexOf(' ')), child.substring(child.lastIndexOf(' ')),
                "bits here (" + here + ") and with -XX:UseAVX=2 (" + child + ")");
        if (GemmMicroKernel.L == 16) assertTrue(child.startsWith("8 4 "), "the child ran the AVX2 tile: " + child);
    }
}
