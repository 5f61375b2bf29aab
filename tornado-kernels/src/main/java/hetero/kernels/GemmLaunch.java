package hetero.kernels;

import hetero.runtime.api.KernelContext;
import hetero.runtime.kernel.WorkerGrid;

/** Shape-checked GEMM launches: C[m x n] = act(A[m x k] B + bias), B as [k x n] or transposed [n x k]. */
public final class GemmLaunch {
    public enum Variant { NAIVE, TILED, BLOCKED, STRIP, REGISTER }

    private GemmLaunch() {
    }

    /**
     * @param bias        null for none, else n elements
     * @param transposedB whether b holds B^T as [n x k]
     */
    public static Launch of(Variant variant, float[] a, float[] b, float[] bias, float[] c, int m, int n, int k,
                            boolean transposedB, int activation) {
        check(a, b, bias, c, m, n, k, transposedB, activation);
        float[] biasArg = bias == null ? new float[1] : bias;   // hasBias = 0 never reads it
        int hasBias = bias == null ? 0 : 1;
        Launch l = new Launch("gemm " + variant.name().toLowerCase() + (transposedB ? " A B^T" : " A B") + " " + m + "x" + n + "x" + k
                + (bias == null ? "" : " +bias") + (activation == Activation.NONE ? "" : " " + Activation.name(activation)));
        if (variant == Variant.NAIVE) {
            l.step("gemm", (g, id) -> {
                if (transposedB) g.task(id, Gemm::naiveTransposedB, a, b, biasArg, c, m, n, k, hasBias, activation);
                else g.task(id, Gemm::naive, a, b, biasArg, c, m, n, k, hasBias, activation);
            }, WorkerGrid.of2D(n, m), "hasBias", "activation");
        } else if (variant == Variant.BLOCKED && !transposedB) {
            l.step("gemm", (g, id) -> g.task(id, Gemm::blocked, new KernelContext(), a, b, biasArg, c, m, n, k, hasBias, activation),
                    blockedGrid(m, n), "hasBias", "activation");
        } else if (variant == Variant.STRIP && !transposedB) {
            l.step("gemm", (g, id) -> g.task(id, Gemm::strip, new KernelContext(), a, b, biasArg, c, m, n, k, hasBias, activation),
                    stripGrid(m, n), "hasBias", "activation");
        } else if (variant == Variant.REGISTER && !transposedB) {
            l.step("gemm", (g, id) -> g.task(id, Gemm::register, new KernelContext(), a, b, biasArg, c, m, n, k, hasBias, activation,
                    REGISTER_PANEL_ROWS, REGISTER_K_BLOCK), registerGrid(m, n), "hasBias", "activation", "panelRows", "kBlock");
        } else {
            // BLOCKED, STRIP and REGISTER have no B^T form yet: B^T is read along k, which is not contiguous across work-items; use TILED.
            l.step("gemm", (g, id) -> {
                if (transposedB) g.task(id, Gemm::tiledTransposedB, new KernelContext(), a, b, biasArg, c, m, n, k, hasBias, activation);
                else g.task(id, Gemm::tiled, new KernelContext(), a, b, biasArg, c, m, n, k, hasBias, activation);
            }, tiledGrid(m, n), "hasBias", "activation");
        }
        l.inputs(a, b);
        if (bias != null) l.inputs(bias);
        return l.outputs(c);
    }

    /** One 16 x 16 work-group per 64 x 64 block of C. */
    public static WorkerGrid tiledGrid(int m, int n) {
        long gx = (long) ceilDiv(n, Gemm.TILE_N) * Gemm.THREADS_X;
        long gy = (long) ceilDiv(m, Gemm.TILE_M) * Gemm.THREADS_Y;
        return WorkerGrid.of2D(gx, gy).local(Gemm.THREADS_X, Gemm.THREADS_Y);
    }

    /** One work-item per column and 8-row block of C; 64 consecutive columns per work-group. */
    /** One work-item per 4 x 64 strip of C (dimension 0 = row strips); work-groups of STRIP_LOCAL strips down a column panel. */
    public static WorkerGrid stripGrid(int m, int n) {
        return WorkerGrid.of2D((long) ceilDiv(ceilDiv(m, Gemm.STRIP_ROWS), STRIP_LOCAL) * STRIP_LOCAL, ceilDiv(n, Gemm.STRIP_COLS)).local(STRIP_LOCAL, 1);
    }

    /** One work-item per REGISTER_PANEL_ROWS x REG_COLS panel of C (dimension 0 = row panels). */
    public static WorkerGrid registerGrid(int m, int n) {
        return WorkerGrid.of2D((long) ceilDiv(ceilDiv(m, REGISTER_PANEL_ROWS), REGISTER_LOCAL) * REGISTER_LOCAL, ceilDiv(n, Gemm.REG_COLS))
                .local(REGISTER_LOCAL, 1);
    }

    /** REGISTER's rows per work-item (register tiles sharing one k-block of B) and k-block length. */
    static final int REGISTER_PANEL_ROWS = 32;
    static final int REGISTER_K_BLOCK = 256;
    static final int REGISTER_LOCAL = 1;

    /** Measured on PoCL (2 cores): 4 strips per work-group beat 1 (launch overhead) and match 16. */
    static final int STRIP_LOCAL = 4;

    static final int BLOCKED_LOCAL = 64;

    public static WorkerGrid blockedGrid(int m, int n) {
        return WorkerGrid.of2D((long) ceilDiv(n, BLOCKED_LOCAL) * BLOCKED_LOCAL, ceilDiv(m, Gemm.BLOCK_ROWS)).local(BLOCKED_LOCAL, 1);
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    public static void check(float[] a, float[] b, float[] bias, float[] c, int m, int n, int k, boolean transposedB, int activation) {
        Shapes.positive("m", m);
        Shapes.positive("n", n);
        Shapes.positive("k", k);
        Shapes.length("A", a, (long) m * k, "m*k = " + m + "*" + k);
        Shapes.length(transposedB ? "B^T" : "B", b, (long) k * n, (transposedB ? "n*k = " + n + "*" + k : "k*n = " + k + "*" + n));
        Shapes.length("C", c, (long) m * n, "m*n = " + m + "*" + n);
        if (bias != null) Shapes.length("bias", bias, n, "n");
        Shapes.noAlias("A", a, "C", c);
        Shapes.noAlias("B", b, "C", c);
        Activation.check(activation);
    }

    /** 2 m n k: one multiply and one add per term of every dot product. */
    public static double flops(int m, int n, int k) {
        return 2.0 * m * n * k;
    }
}
