package hetero.kernels;

import hetero.runtime.kernel.WorkerGrid;

/** Shape-checked feed-forward launches; see {@link FeedForward} for the layout. */
public final class FeedForwardLaunch {
    public enum Variant { UNFUSED, FUSED_NAIVE, FUSED_TILED }

    private FeedForwardLaunch() {
    }

    /** @param hidden scratch [rows x dFF] for act(x W1 + b1) */
    public static Launch of(Variant variant, float[] x, float[] w1, float[] b1, float[] w2, float[] b2, float[] hidden, float[] out,
                            int rows, int dModel, int dFF, int activation) {
        Shapes.positive("rows", rows);
        Shapes.positive("dModel", dModel);
        Shapes.positive("dFF", dFF);
        Shapes.length("x", x, (long) rows * dModel, "rows*dModel");
        Shapes.length("W1", w1, (long) dModel * dFF, "dModel*dFF");
        Shapes.length("b1", b1, dFF, "dFF");
        Shapes.length("W2", w2, (long) dFF * dModel, "dFF*dModel");
        Shapes.length("b2", b2, dModel, "dModel");
        Shapes.length("hidden", hidden, (long) rows * dFF, "rows*dFF");
        Shapes.length("out", out, (long) rows * dModel, "rows*dModel");
        Activation.check(activation);
        GemmLaunch.Variant gemm = variant == Variant.FUSED_NAIVE ? GemmLaunch.Variant.NAIVE : GemmLaunch.Variant.TILED;
        Launch up;
        if (variant == Variant.UNFUSED) {
            up = GemmLaunch.of(gemm, x, w1, null, hidden, rows, dFF, dModel, false, Activation.NONE).renamed("gemm", "up");
            Launch epilogue = new Launch("bias+" + Activation.name(activation)).inputs(b1).outputs(hidden)
                    .step("act", (g, id) -> g.task(id, FeedForward::biasActivation, hidden, b1, rows, dFF, activation), WorkerGrid.of2D(dFF, rows), "activation");
            up = up.then(epilogue);
        } else {
            up = GemmLaunch.of(gemm, x, w1, b1, hidden, rows, dFF, dModel, false, activation).renamed("gemm", "up");
        }
        Launch down = GemmLaunch.of(gemm, hidden, w2, b2, out, rows, dModel, dFF, false, Activation.NONE).renamed("gemm", "down");
        return up.then(down);
    }

    /** 2 rows dModel dFF per GEMM, two GEMMs (bias and activation not counted). */
    public static double flops(int rows, int dModel, int dFF) {
        return 4.0 * rows * dModel * dFF;
    }
}
