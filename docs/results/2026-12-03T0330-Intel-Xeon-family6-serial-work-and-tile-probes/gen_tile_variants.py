#!/usr/bin/env python3
"""Writes TileVariants.java: register tiles of MR rows x NV vectors (16 lanes) as GemmMicroKernel's, plus
variants without B loads (nob: B held in registers) and without A broadcasts (noa), and a main that times one
on L1-resident panels. Usage: python3 gen_tile_variants.py > dev/rnn4j/kernel/TileVariants.java; then
java --add-modules jdk.incubator.vector -cp core/target/classes:. dev.rnn4j.kernel.TileVariants KC t8x2 2 2 OFFSET"""

def tile(mr, nv, variant=""):
    name = f"t{mr}x{nv}{variant}"
    out = [f"    static void {name}(int kc, float[] a, int ai, float[] b, int bi, float[] c, int ci, int ldc) {{"]
    accs = [f"c{r}{v}" for r in range(mr) for v in range(nv)]
    out.append("        FloatVector " + ", ".join(f"{x} = FloatVector.zero(S)" for x in accs) + ";")
    if variant == "nob":
        out += [f"        FloatVector b{v} = FloatVector.fromArray(S, b, bi + {v * 16});" for v in range(nv)]
    if variant == "noa":
        out += [f"        FloatVector x{r} = FloatVector.broadcast(S, a[ai + {r}]);" for r in range(mr)]
    out.append("        for (int p = 0; p < kc; p++) {")
    out.append(f"            int ap = ai + p * {mr}, bp = bi + p * {nv * 16};")
    if variant != "nob":
        out += [f"            FloatVector b{v} = FloatVector.fromArray(S, b, bp + {v * 16});" for v in range(nv)]
    for r in range(mr):
        if variant != "noa":
            out.append(f"            FloatVector x{r} = FloatVector.broadcast(S, a[ap + {r}]);")
        out += [f"            c{r}{v} = x{r}.fma(b{v}, c{r}{v});" for v in range(nv)]
    out.append("        }")
    out += [f"        c{r}{v}.intoArray(c, ci + {r} * ldc + {v * 16});" for r in range(mr) for v in range(nv)]
    out.append("    }")
    return name, "\n".join(out)

tiles = [tile(*v) for v in [(8, 2), (4, 4), (6, 4), (8, 3), (4, 3), (6, 3), (12, 2)]]
tiles += [tile(8, 2, "nob"), tile(8, 2, "noa")]
cases = "\n".join(f'                        case "{n}" -> {n}(kc, a, ai, b, bi, c, ci, ldc);' for n, _ in tiles)
print("package dev.rnn4j.kernel;\nimport jdk.incubator.vector.*;\npublic class TileVariants {")
print("    static final VectorSpecies<Float> S = FloatVector.SPECIES_512;")
print("\n".join(f for _, f in tiles))
MAIN = r'''    public static void main(String[] args) {
        int kc = Integer.parseInt(args[0]);
        String which = args[1];
        int mr = Integer.parseInt(which.substring(1, which.indexOf('x'))), nv = Integer.parseInt(which.substring(which.indexOf('x') + 1, which.indexOf('x') + 2));
        int nr = nv * 16;
        int aPanels = Integer.parseInt(args[2]), bPanels = Integer.parseInt(args[3]); int off = Integer.parseInt(args[4]);
        float[] a = new float[aPanels * mr * kc], b = new float[bPanels * nr * kc + 64], c = new float[aPanels * mr * bPanels * nr];
        for (int i = 0; i < a.length; i++) a[i] = (i % 7) * 0.01f;
        for (int i = 0; i < b.length; i++) b[i] = (i % 5) * 0.01f;
        int ldc = bPanels * nr;
        try {
            java.lang.reflect.Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe"); f.setAccessible(true);
            sun.misc.Unsafe u = (sun.misc.Unsafe) f.get(null);
            Object[] holder = {b};
            long addr = (u.getInt(holder, (long) sun.misc.Unsafe.ARRAY_OBJECT_BASE_OFFSET) & 0xffffffffL) << 3;
            Object[] ha = {a};
            long addrA = (u.getInt(ha, (long) sun.misc.Unsafe.ARRAY_OBJECT_BASE_OFFSET) & 0xffffffffL) << 3;
            System.out.printf("b data %% 64 = %d (with off %d floats: %d), a data %% 64 = %d%n", (addr + 16) % 64, off, (addr + 16 + 4L * off) % 64, (addrA + 16) % 64);
        } catch (Exception e) { throw new RuntimeException(e); }
        for (int round = 0; round < 7; round++) {
            long tiles = 0; long t0 = System.nanoTime(); long cpu0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            while (System.nanoTime() - t0 < 300_000_000L) {
                for (int j = 0; j < bPanels; j++) for (int i = 0; i < aPanels; i++) {
                    int ai = i * mr * kc, bi = j * nr * kc + off, ci = i * mr * ldc + j * nr;
                    switch (which) {
@CASES@
                        default -> throw new IllegalArgumentException(which);
                    }
                    tiles++;
                }
            }
            double s = (System.nanoTime() - t0) / 1e9; double cs = (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0) / 1e9;
            if (round >= 3) System.out.printf("%s kc %d off %d: %.1f GFLOP/s wall, %.1f by cpu time%n", which, kc, off, 2.0 * mr * nr * kc * tiles / s / 1e9, 2.0 * mr * nr * kc * tiles / cs / 1e9);
        }
    }
}
'''
print(MAIN.replace("@CASES@", cases), end="")
