package hetero.experiments.workload;

import hetero.experiments.sweep.Config;
import hetero.kernels.Activation;
import hetero.kernels.Gemm;
import hetero.kernels.GemmLaunch;
import hetero.kernels.VariantNames;
import hetero.runtime.backend.Device;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * C = A B as in a Transformer projection: m = batch * seq (tokens), n = k = dModel, B row-major
 * [k x n], no bias, no activation. So time grows linearly with seq and quadratically with dModel.
 *
 * <p>Variants: every {@link GemmLaunch.Variant} by its {@link VariantNames} name: {@code naive} (one work-item per
 * element of C), {@code tiled} (64 x 64 blocks of C per 16 x 16 work-group through local memory; {@code default}),
 * {@code blocked}, {@code strip} (4 x 64 strips per work-item, the fast one on CPU OpenCL), ...; {@code auto} = the
 * device's tuning ({@link AutoVariant}). Mask {@code none} only.
 *
 * <p>Costs: FLOPs = 2 m n k; bytes moved = 4 (m k + k n + m n) (read A and B once, write C).
 */
public final class GemmWorkload implements Workload {
    public static final String NAME = "gemm";
    static final List<String> VARIANTS = VariantNames.all(GemmLaunch.Variant.class);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "C[batch*seq x dModel] = A[batch*seq x dModel] B[dModel x dModel], variant " + String.join("|", VARIANTS)
                + "|auto (strip: 4 x 64 strips per work-item, the fast one on CPU OpenCL)";
    }

    /** default = tiled, auto = the device's tuning; null for an unknown name or an auto whose device is not here. */
    static GemmLaunch.Variant variant(Config c, boolean log) {
        if (c.variant().equals("default")) return GemmLaunch.Variant.TILED;
        int m = c.batch() * c.seq(), n = c.dModel();
        if (AutoVariant.is(c)) return AutoVariant.pick(c, t -> t.gemm(m, n, n), log ? "gemm " + m + "x" + n + "x" + n : null);
        return VariantNames.find(GemmLaunch.Variant.class, c.variant());
    }

    @Override
    public java.util.Map<hetero.experiments.sweep.Param, List<String>> choices() {
        return Workload.variants(AutoVariant.with(VARIANTS));
    }

    @Override
    public String unsupported(Config c) {
        if (!AutoVariant.is(c) && variant(c, false) == null) return NAME + " has variants " + VARIANTS + ", not '" + c.variant() + "'";
        if (!c.mask().equals("none")) return NAME + " takes mask none only, not '" + c.mask() + "'";
        long m = (long) c.batch() * c.seq();
        if (m * c.dModel() > Integer.MAX_VALUE) return "batch*seq*dModel = " + m * c.dModel() + " elements exceeds a Java array";
        return JvmLimit.tooBig(c, GemmLaunch.flops((int) m, c.dModel(), c.dModel()));
    }

    @Override
    public Trial prepare(Config c, Device device) {
        int m = c.batch() * c.seq(), n = c.dModel(), k = c.dModel();
        SplittableRandom random = new SplittableRandom(c.seed());
        float[] a = KernelTrial.random((long) m * k, random), b = KernelTrial.random((long) k * n, random);
        float[] out = new float[m * n];
        GemmLaunch.Variant v = variant(c, true);
        Costs costs = Costs.ofWork((long) GemmLaunch.flops(m, n, k), 4L * ((long) m * k + (long) k * n + (long) m * n));
        return new KernelTrial(GemmLaunch.of(v, a, b, null, out, m, n, k, false, Activation.NONE), device, costs,
                () -> RowSample.check(m, n, out, r -> Gemm.reference(Arrays.copyOfRange(a, r * k, (r + 1) * k), b, null, 1, n, k, false, Activation.NONE)));
    }
}
