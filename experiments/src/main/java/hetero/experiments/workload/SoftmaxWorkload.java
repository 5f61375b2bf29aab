package hetero.experiments.workload;

import hetero.experiments.sweep.Config;
import hetero.kernels.Softmax;
import hetero.kernels.SoftmaxLaunch;
import hetero.runtime.backend.Device;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Row-wise softmax over the attention score matrix's shape: rows = batch * heads * seq, cols = seq.
 *
 * <p>Variants: {@code row-per-item} (one work-item per row, three passes), {@code row-per-group}
 * (a work-group per row with tree reductions; the default), {@code online} (one pass for max and
 * sum). Mask {@code none} only (masked scores are the attention workload's business).
 *
 * <p>Costs: FLOPs = 5 per element (max compare, subtract, exp counted as one, sum, divide) - a
 * convention, exp costs more; bytes moved = 8 per element (read x, write out, float32).
 * Inputs are uniform in [-4, 4) so the rows are neither flat nor one-hot.
 */
public final class SoftmaxWorkload implements Workload {
    public static final String NAME = "softmax";
    static final List<String> VARIANTS = List.of("row-per-item", "row-per-group", "online");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "row softmax over [batch*heads*seq x seq], variant row-per-item|row-per-group|online";
    }

    static String variant(Config c) {
        return c.variant().equals("default") ? "row-per-group" : c.variant();
    }

    @Override
    public java.util.Map<hetero.experiments.sweep.Param, List<String>> choices() {
        return Workload.variants(VARIANTS);
    }

    @Override
    public String unsupported(Config c) {
        if (!VARIANTS.contains(variant(c))) return NAME + " has variants " + VARIANTS + ", not '" + c.variant() + "'";
        if (!c.mask().equals("none")) return NAME + " takes mask none only, not '" + c.mask() + "'";
        long n = elements(c);
        if (n > Integer.MAX_VALUE) return "batch*heads*seq*seq = " + n + " elements exceeds a Java array";
        return JvmLimit.tooBig(c, 5.0 * n);
    }

    static long elements(Config c) {
        return (long) c.batch() * c.heads() * c.seq() * c.seq();
    }

    @Override
    public Trial prepare(Config c, Device device) {
        int rows = c.batch() * c.heads() * c.seq(), cols = c.seq();
        SplittableRandom random = new SplittableRandom(c.seed());
        float[] x = KernelTrial.random((long) rows * cols, random);
        for (int i = 0; i < x.length; i++) x[i] *= 4;
        float[] out = new float[x.length];
        SoftmaxLaunch.Variant v = switch (variant(c)) {
            case "row-per-item" -> SoftmaxLaunch.Variant.ROW_PER_ITEM;
            case "online" -> SoftmaxLaunch.Variant.ONLINE;
            default -> SoftmaxLaunch.Variant.ROW_PER_GROUP;
        };
        long n = (long) rows * cols;
        return new KernelTrial(SoftmaxLaunch.of(v, x, out, rows, cols), device, Costs.ofWork(5 * n, 8 * n),
                () -> RowSample.check(rows, cols, out, r -> Softmax.reference(Arrays.copyOfRange(x, r * cols, (r + 1) * cols), 1, cols)));
    }
}
