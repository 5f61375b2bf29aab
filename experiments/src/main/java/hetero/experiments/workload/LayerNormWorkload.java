package hetero.experiments.workload;

import hetero.experiments.sweep.Config;
import hetero.kernels.NormLaunch;
import hetero.kernels.Norms;
import hetero.kernels.VariantNames;
import hetero.kernels.tuning.Tuning;
import hetero.runtime.backend.Device;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * LayerNorm over [batch*seq x dModel], as after every attention and FFN sub-layer: eps 1e-5, gamma and beta random.
 *
 * <p>Variants: every {@link NormLaunch.Variant} by its {@link VariantNames} name ({@code row}: one work-item per row,
 * {@code group}: one work-group per row with local-memory reductions; {@code default} = group), {@code auto} = the
 * device's tuning ({@link AutoVariant}). Mask {@code none} only.
 *
 * <p>Costs: FLOPs = {@link Tuning#normFlops} (8 per element: mean, variance, normalize, scale and shift); bytes moved =
 * 4 (2 rows cols + 2 cols) (read x, gamma, beta, write out).
 */
public final class LayerNormWorkload implements Workload {
    public static final String NAME = "layernorm";
    static final List<String> VARIANTS = VariantNames.all(NormLaunch.Variant.class);
    static final float EPS = 1e-5f;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "LayerNorm over [batch*seq x dModel], variant " + String.join("|", VARIANTS) + "|auto";
    }

    /** default = group, auto = the device's tuning; null for an unknown name or an auto whose device is not here. */
    static NormLaunch.Variant variant(Config c, boolean log) {
        if (c.variant().equals("default")) return NormLaunch.Variant.GROUP;
        int rows = c.batch() * c.seq(), cols = c.dModel();
        if (AutoVariant.is(c)) return AutoVariant.pick(c, t -> t.norm(rows, cols), log ? "layernorm " + rows + "x" + cols : null);
        return VariantNames.find(NormLaunch.Variant.class, c.variant());
    }

    @Override
    public java.util.Map<hetero.experiments.sweep.Param, List<String>> choices() {
        return Workload.variants(AutoVariant.with(VARIANTS));
    }

    @Override
    public String unsupported(Config c) {
        if (!AutoVariant.is(c) && variant(c, false) == null) return NAME + " has variants " + VARIANTS + ", not '" + c.variant() + "'";
        if (!c.mask().equals("none")) return NAME + " takes mask none only, not '" + c.mask() + "'";
        long n = (long) c.batch() * c.seq() * c.dModel();
        if (n > Integer.MAX_VALUE) return "batch*seq*dModel = " + n + " elements exceeds a Java array";
        return JvmLimit.tooManyFlops(c, Tuning.normFlops(c.batch() * c.seq(), c.dModel()));
    }

    @Override
    public Trial prepare(Config c, Device device) {
        int rows = c.batch() * c.seq(), cols = c.dModel();
        SplittableRandom random = new SplittableRandom(c.seed());
        float[] x = KernelTrial.random((long) rows * cols, random), gamma = KernelTrial.random(cols, random), beta = KernelTrial.random(cols, random);
        float[] out = new float[x.length];
        Costs costs = Costs.ofWork((long) Tuning.normFlops(rows, cols), 4L * (2L * rows * cols + 2L * cols));
        return new KernelTrial(NormLaunch.layerNorm(variant(c, true), x, gamma, beta, out, rows, cols, EPS), device, costs,
                () -> RowSample.check(rows, cols, out, r -> Norms.referenceLayerNorm(Arrays.copyOfRange(x, r * cols, (r + 1) * cols), gamma, beta, 1, cols, EPS)));
    }
}
