// Run against a throw-away build whose LstmLayer keeps static PROJ/STEPS/CALLS timers of the first layer and whose
// GateWeights.projectInputsForSteps defers only when the system property "defer" is true (03:55, not committed).
import java.lang.reflect.*;
public class DeferProbe {
    public static void main(String[] args) throws Exception {
        Class<?> w = Class.forName("dev.rnn4j.cli.Workloads");
        Method all = w.getDeclaredMethod("charLmTrain", String.class, int.class, int.class, int.class, int.class, int.class);
        all.setAccessible(true);
        int h = Integer.parseInt(args[0]), l = Integer.parseInt(args[1]), b = Integer.parseInt(args[2]), t = Integer.parseInt(args[3]);
        Object wl = all.invoke(null, "x", 65, h, l, b, t);
        Method once = wl.getClass().getDeclaredMethod("once"); once.setAccessible(true);
        Class<?> layer = Class.forName("dev.rnn4j.nn.LstmLayer");
        Field fp = layer.getField("PROJ"), fs = layer.getField("STEPS"), fc = layer.getField("CALLS"); fp.setAccessible(true); fs.setAccessible(true); fc.setAccessible(true); long[] proj = (long[]) fp.get(null), steps = (long[]) fs.get(null), calls = (long[]) fc.get(null);
        for (int round = 0; round < 12; round++) {
            boolean defer = round % 2 == 1;
            System.setProperty("defer", String.valueOf(defer));
            java.util.function.Supplier<Double> s = (java.util.function.Supplier<Double>) once.invoke(wl);
            for (int i = 0; i < 10; i++) s.get();
            proj[0] = 0; steps[0] = 0; calls[0] = 0;
            double[] v = new double[15];
            for (int i = 0; i < v.length; i++) v[i] = s.get();
            java.util.Arrays.sort(v);
            System.out.printf("defer %-5s chars/s %.0f  layer-1 projection %.3f ms, forward steps %.3f ms%n", defer, v[7], proj[0] / 1e6 / calls[0], steps[0] / 1e6 / calls[0]);
        }
        System.exit(0);
    }
}
