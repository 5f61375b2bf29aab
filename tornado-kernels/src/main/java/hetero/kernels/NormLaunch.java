package hetero.kernels;

import hetero.runtime.api.KernelContext;
import hetero.runtime.kernel.WorkerGrid;

/** Shape-checked launches of {@link Norms}: ROW = one work-item per row, GROUP = one work-group per row. */
public final class NormLaunch {
    public enum Variant { ROW, GROUP }

    private NormLaunch() {
    }

    public static Launch layerNorm(Variant v, float[] x, float[] gamma, float[] beta, float[] out, int rows, int cols, float eps) {
        checkRows(x, out, rows, cols);
        Shapes.length("gamma", gamma, cols, "cols");
        Shapes.length("beta", beta, cols, "cols");
        Launch l = new Launch("layernorm " + v.name().toLowerCase() + " " + rows + "x" + cols).inputs(x, gamma, beta).outputs(out);
        return v == Variant.ROW
                ? l.step("layernorm", (g, id) -> g.task(id, Norms::layerNormRow, x, gamma, beta, out, rows, cols, eps), WorkerGrid.of1D(rows))
                : l.step("layernorm", (g, id) -> g.task(id, Norms::layerNormGroup, new KernelContext(), x, gamma, beta, out, rows, cols, eps), groupGrid(rows));
    }

    public static Launch rmsNorm(Variant v, float[] x, float[] gamma, float[] out, int rows, int cols, float eps) {
        checkRows(x, out, rows, cols);
        Shapes.length("gamma", gamma, cols, "cols");
        Launch l = new Launch("rmsnorm " + v.name().toLowerCase() + " " + rows + "x" + cols).inputs(x, gamma).outputs(out);
        return v == Variant.ROW
                ? l.step("rmsnorm", (g, id) -> g.task(id, Norms::rmsNormRow, x, gamma, out, rows, cols, eps), WorkerGrid.of1D(rows))
                : l.step("rmsnorm", (g, id) -> g.task(id, Norms::rmsNormGroup, new KernelContext(), x, gamma, out, rows, cols, eps), groupGrid(rows));
    }

    public static Launch residualAdd(float[] x, float[] residual, float[] out, int n) {
        Shapes.positive("n", n);
        Shapes.length("x", x, n, "n");
        Shapes.length("residual", residual, n, "n");
        Shapes.length("out", out, n, "n");
        return new Launch("residual add " + n).inputs(x, residual).outputs(out)
                .step("residual", (g, id) -> g.task(id, Norms::residualAdd, x, residual, out, n), WorkerGrid.of1D(n));
    }

    /** sum = x + residual; out = LayerNorm(sum). */
    public static Launch residualLayerNorm(Variant v, float[] x, float[] residual, float[] gamma, float[] beta, float[] sum, float[] out,
                                           int rows, int cols, float eps) {
        checkRows(x, out, rows, cols);
        Shapes.length("residual", residual, (long) rows * cols, "rows*cols");
        Shapes.length("sum", sum, (long) rows * cols, "rows*cols");
        Shapes.length("gamma", gamma, cols, "cols");
        Shapes.length("beta", beta, cols, "cols");
        Launch l = new Launch("residual+layernorm " + v.name().toLowerCase() + " " + rows + "x" + cols).inputs(x, residual, gamma, beta).outputs(sum, out);
        return v == Variant.ROW
                ? l.step("resln", (g, id) -> g.task(id, Norms::residualLayerNormRow, x, residual, gamma, beta, sum, out, rows, cols, eps), WorkerGrid.of1D(rows))
                : l.step("resln", (g, id) -> g.task(id, Norms::residualLayerNormGroup, new KernelContext(), x, residual, gamma, beta, sum, out, rows, cols, eps),
                        groupGrid(rows));
    }

    private static WorkerGrid groupGrid(int rows) {
        return WorkerGrid.of1D((long) rows * Norms.GROUP).local(Norms.GROUP);
    }

    private static void checkRows(float[] x, float[] out, int rows, int cols) {
        Shapes.positive("rows", rows);
        Shapes.positive("cols", cols);
        Shapes.length("x", x, (long) rows * cols, "rows*cols = " + rows + "*" + cols);
        Shapes.length("out", out, (long) rows * cols, "rows*cols = " + rows + "*" + cols);
    }
}
