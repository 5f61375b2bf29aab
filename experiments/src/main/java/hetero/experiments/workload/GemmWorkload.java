package hetero.experiments.workload;

import hetero.experiments.sweep.Config;
import hetero.kernels.Activation;
import hetero.kernels.Gemm;
import hetero.kernels.GemmLaunch;
import hetero.runtime.backend.Device;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * C = A B as in a Transformer projection: m = batch * seq (tokens), n = k = dModel, B row-major
 * [k x n], no bias, no activation. So time grows linearly with seq and quadratically with dModel.
 *
 * <p>Variants: {@code naive} (one work-item per element of C), {@code tiled} (64 x 64 blocks of C
 * per 16 x 16 work-group through local memory; the default), {@code strip} and {@code register}
 * (shaped for CPU OpenCL; see Gemm). Mask {@code none} only.
 *
 * <p>Costs: FLOPs = 2 m n k; bytes moved = 4 (m k + k n + m n) (read A and B once, write C).
 */
public final class GemmWorkload implements Workload {
    public static final String NAME = "gemm";
    static final List<String> VARIANTS = List.of("naive", "tiled", "strip", "register");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "C[batch*seq x dModel] = A[batch*seq x dModel] B[dModel x dModel], variant naive|tiled|strip|register (strip: 4 x 64 strips per work-item, register: 8 x 8 register tiles in a private array with k-blocking; both for CPU OpenCL)";
    }

    static String variant(Config c) {
        return c.variant().equals("default") ? "tiled" : c.variant();
    }

    @Override
    public java.util.Map<hetero.experiments.sweep.Param, List<String>> choices() {
        return Workload.variants(VARIANTS);
    }

    @Override
    public String unsupported(Config c) {
        if (!VARIANTS.contains(variant(c))) return NAME + " has variants " + VARIANTS + ", not '" + c.variant() + "'";
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
        GemmLaunch.Variant v = GemmLaunch.Variant.valueOf(variant(c).toUpperCase(java.util.Locale.ROOT));
        Costs costs = Costs.ofWork((long) GemmLaunch.flops(m, n, k), 4L * ((long) m * k + (long) k * n + (long) m * n));
        return new KernelTrial(GemmLaunch.of(v, a, b, null, out, m, n, k, false, Activation.NONE), device, costs,
                () -> RowSample.check(m, n, out, r -> Gemm.reference(Arrays.copyOfRange(a, r * k, (r + 1) * k), b, null, 1, n, k, false, Activation.NONE)));
    }
}
