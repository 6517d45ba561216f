package dev.rnn4j.kernel;

/**
 * Plain scalar twins of {@link LstmGates}, {@link GruGates}, {@link RnnGates} and {@link Rows}, computed in
 * double straight from the equations, for tests only. Same signatures and in-place conventions.
 */
final class GatesReference {
    private GatesReference() {}

    static double sigmoid(double a) { return 1.0 / (1.0 + Math.exp(-a)); }

    static void lstmForward(int H, float[] g, int gOff, float[] c, int cOff, float[] h, int hOff) {
        for (int j = 0; j < H; j++) {
            double i = sigmoid(g[gOff + j]), f = sigmoid(g[gOff + H + j]);
            double gt = Math.tanh(g[gOff + 2 * H + j]), o = sigmoid(g[gOff + 3 * H + j]);
            double cn = f * c[cOff + j] + i * gt;
            g[gOff + j] = (float) i;
            g[gOff + H + j] = (float) f;
            g[gOff + 2 * H + j] = (float) gt;
            g[gOff + 3 * H + j] = (float) o;
            c[cOff + j] = (float) cn;
            h[hOff + j] = (float) (o * Math.tanh(cn));
        }
    }

    static void lstmBackward(int H, float[] g, int gOff, float[] cPrev, int cpOff, float[] c, int cOff,
                             float[] dh, int dhOff, float[] dc, int dcOff, float[] dg, int dgOff) {
        for (int j = 0; j < H; j++) {
            double i = g[gOff + j], f = g[gOff + H + j], gt = g[gOff + 2 * H + j], o = g[gOff + 3 * H + j];
            double tc = Math.tanh(c[cOff + j]), d = dh[dhOff + j];
            double dct = dc[dcOff + j] + d * o * (1 - tc * tc);
            dg[dgOff + j] = (float) (dct * gt * i * (1 - i));
            dg[dgOff + H + j] = (float) (dct * cPrev[cpOff + j] * f * (1 - f));
            dg[dgOff + 2 * H + j] = (float) (dct * i * (1 - gt * gt));
            dg[dgOff + 3 * H + j] = (float) (d * tc * o * (1 - o));
            dc[dcOff + j] = (float) (dct * f);
        }
    }

    static void gruForward(int H, float[] g, int gOff, float[] hg, int hgOff, float[] h, int hOff, float[] hn,
            int hnOff) {
        for (int j = 0; j < H; j++) {
            double r = sigmoid((double) g[gOff + j] + hg[hgOff + j]);
            double z = sigmoid((double) g[gOff + H + j] + hg[hgOff + H + j]);
            double n = Math.tanh(g[gOff + 2 * H + j] + r * hg[hgOff + 2 * H + j]);
            hn[hnOff + j] = hg[hgOff + 2 * H + j];
            h[hOff + j] = (float) ((1 - z) * n + z * h[hOff + j]);
            g[gOff + j] = (float) r;
            g[gOff + H + j] = (float) z;
            g[gOff + 2 * H + j] = (float) n;
        }
    }

    static void gruBackward(int H, float[] g, int gOff, float[] hn, int hnOff, float[] hPrev, int hpOff,
                            float[] dh, int dhOff, float[] dgx, int dgxOff, float[] dgh, int dghOff,
                            float[] dhPrev, int dhpOff) {
        for (int j = 0; j < H; j++) {
            double r = g[gOff + j], z = g[gOff + H + j], n = g[gOff + 2 * H + j], d = dh[dhOff + j];
            double dan = d * (1 - z) * (1 - n * n);
            double daz = d * (hPrev[hpOff + j] - n) * z * (1 - z);
            double dar = dan * hn[hnOff + j] * r * (1 - r);
            dgx[dgxOff + j] = (float) dar;
            dgx[dgxOff + H + j] = (float) daz;
            dgx[dgxOff + 2 * H + j] = (float) dan;
            dgh[dghOff + j] = (float) dar;
            dgh[dghOff + H + j] = (float) daz;
            dgh[dghOff + 2 * H + j] = (float) (dan * r);
            dhPrev[dhpOff + j] = (float) (d * z);
        }
    }

    static void rnnForward(int n, boolean relu, float[] a, int off) {
        for (int j = 0; j < n; j++) a[off + j] = (float) (relu ? Math.max(a[off + j], 0.0) : Math.tanh(a[off + j]));
    }

    static void rnnBackward(int n, boolean relu, float[] h, int hOff, float[] dh, int dhOff, float[] da, int daOff) {
        for (int j = 0; j < n; j++) {
            double hv = h[hOff + j];
            da[daOff + j] = (float) (relu ? (hv > 0 ? dh[dhOff + j] : 0.0) : dh[dhOff + j] * (1 - hv * hv));
        }
    }

    static void columnSums(int rows, int n, float[] a, int aOff, float[] sum, int sumOff) {
        for (int j = 0; j < n; j++) {
            double s = sum[sumOff + j];
            for (int r = 0; r < rows; r++) s += a[aOff + r * n + j];
            sum[sumOff + j] = (float) s;
        }
    }
}
