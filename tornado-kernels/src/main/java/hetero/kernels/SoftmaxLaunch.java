package hetero.kernels;

import hetero.runtime.api.KernelContext;
import hetero.runtime.kernel.WorkerGrid;

/** Shape-checked softmax launches over the rows of a [rows x cols] matrix. */
public final class SoftmaxLaunch {
    public enum Variant { ROW_PER_ITEM, ROW_PER_GROUP, ONLINE }

    private SoftmaxLaunch() {
    }

    public static Launch of(Variant variant, float[] x, float[] out, int rows, int cols) {
        Shapes.positive("rows", rows);
        Shapes.positive("cols", cols);
        Shapes.length("x", x, (long) rows * cols, "rows*cols = " + rows + "*" + cols);
        Shapes.length("out", out, (long) rows * cols, "rows*cols = " + rows + "*" + cols);
        Launch l = new Launch("softmax " + variant.name().toLowerCase() + " " + rows + "x" + cols).inputs(x).outputs(out);
        return switch (variant) {
            case ROW_PER_ITEM -> l.step("softmax", (g, id) -> g.task(id, Softmax::rowPerItem, x, out, rows, cols), WorkerGrid.of1D(rows));
            case ONLINE -> l.step("softmax", (g, id) -> g.task(id, Softmax::online, x, out, rows, cols), WorkerGrid.of1D(rows));
            case ROW_PER_GROUP -> l.step("softmax", (g, id) -> g.task(id, Softmax::rowPerGroup, new KernelContext(), x, out, rows, cols),
                    WorkerGrid.of1D((long) rows * Softmax.GROUP).local(Softmax.GROUP));
        };
    }
}
