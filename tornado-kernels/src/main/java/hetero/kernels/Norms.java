package hetero.kernels;

import uk.ac.manchester.tornado.api.math.TornadoMath;
import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.annotations.Parallel;

/**
 * Row normalizations over [rows x cols]: LayerNorm (gamma * (x - mean) / sqrt(var + eps) + beta,
 * biased variance as in PyTorch), RMSNorm (gamma * x / sqrt(mean(x^2) + eps)), the residual add,
 * and residual add fused with LayerNorm (one read of x and residual instead of three).
 * The variance is computed two-pass (mean first, then squared deviations): the one-pass
 * E[x^2] - E[x]^2 loses everything when |mean| >> std, which activations often have.
 */
public final class Norms {
    /** Work-items per row in the group variants (a power of two). */
    public static final int GROUP = 128;

    private Norms() {
    }

    // ---------------------------------------------------------------- references (double)

    public static float[] referenceLayerNorm(float[] x, float[] gamma, float[] beta, int rows, int cols, float eps) {
        float[] out = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            double mean = 0, var = 0;
            for (int j = 0; j < cols; j++) mean += x[r * cols + j];
            mean /= cols;
            for (int j = 0; j < cols; j++) var += (x[r * cols + j] - mean) * (x[r * cols + j] - mean);
            double rstd = 1.0 / Math.sqrt(var / cols + eps);
            for (int j = 0; j < cols; j++) out[r * cols + j] = (float) ((x[r * cols + j] - mean) * rstd * gamma[j] + beta[j]);
        }
        return out;
    }

    public static float[] referenceRmsNorm(float[] x, float[] gamma, int rows, int cols, float eps) {
        float[] out = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            double ss = 0;
            for (int j = 0; j < cols; j++) ss += (double) x[r * cols + j] * x[r * cols + j];
            double rms = 1.0 / Math.sqrt(ss / cols + eps);
            for (int j = 0; j < cols; j++) out[r * cols + j] = (float) (x[r * cols + j] * rms * gamma[j]);
        }
        return out;
    }

    // ---------------------------------------------------------------- one work-item per row

    /** Grid: 1D (rows). */
    public static void layerNormRow(float[] x, float[] gamma, float[] beta, float[] out, int rows, int cols, float eps) {
        for (@Parallel int r = 0; r < rows; r++) {
            int base = r * cols;
            float sum = 0.0f;
            for (int j = 0; j < cols; j++) sum += x[base + j];
            float mean = sum / cols;
            float sq = 0.0f;
            for (int j = 0; j < cols; j++) {
                float d = x[base + j] - mean;
                sq = Math.fma(d, d, sq);
            }
            float rstd = (1f / TornadoMath.sqrt(sq / cols + eps));
            for (int j = 0; j < cols; j++) out[base + j] = Math.fma((x[base + j] - mean) * rstd, gamma[j], beta[j]);
        }
    }

    /** Grid: 1D (rows). */
    public static void rmsNormRow(float[] x, float[] gamma, float[] out, int rows, int cols, float eps) {
        for (@Parallel int r = 0; r < rows; r++) {
            int base = r * cols;
            float sq = 0.0f;
            for (int j = 0; j < cols; j++) sq = Math.fma(x[base + j], x[base + j], sq);
            float scale = (1f / TornadoMath.sqrt(sq / cols + eps));
            for (int j = 0; j < cols; j++) out[base + j] = x[base + j] * scale * gamma[j];
        }
    }

    /** out = x + residual, element-wise. Grid: 1D (n). */
    public static void residualAdd(float[] x, float[] residual, float[] out, int n) {
        for (@Parallel int i = 0; i < n; i++) out[i] = x[i] + residual[i];
    }

    /**
     * Fused post-norm residual block: sum = x + residual (kept, it is the next block's residual)
     * and out = LayerNorm(sum). Grid: 1D (rows).
     */
    public static void residualLayerNormRow(float[] x, float[] residual, float[] gamma, float[] beta, float[] sum, float[] out,
                                            int rows, int cols, float eps) {
        for (@Parallel int r = 0; r < rows; r++) {
            int base = r * cols;
            float total = 0.0f;
            for (int j = 0; j < cols; j++) {
                float s = x[base + j] + residual[base + j];
                sum[base + j] = s;
                total += s;
            }
            float mean = total / cols;
            float sq = 0.0f;
            for (int j = 0; j < cols; j++) {
                float d = sum[base + j] - mean;
                sq = Math.fma(d, d, sq);
            }
            float rstd = (1f / TornadoMath.sqrt(sq / cols + eps));
            for (int j = 0; j < cols; j++) out[base + j] = Math.fma((sum[base + j] - mean) * rstd, gamma[j], beta[j]);
        }
    }

    // ---------------------------------------------------------------- one work-group per row

    /** GROUP items per row, tree reductions in local memory. Grid: 1D (rows * GROUP), local GROUP. */
    public static void layerNormGroup(KernelContext ctx, float[] x, float[] gamma, float[] beta, float[] out, int rows, int cols, float eps) {
        float[] partial = ctx.allocateFloatLocalArray(GROUP);
        int row = ctx.groupIdx;
        int lid = ctx.localIdx;
        boolean active = row < rows;
        int base = row * cols;
        float s = 0.0f;
        if (active) for (int j = lid; j < cols; j += GROUP) s += x[base + j];
        float mean = groupSum(ctx, partial, lid, s) / cols;
        float sq = 0.0f;
        if (active) {
            for (int j = lid; j < cols; j += GROUP) {
                float d = x[base + j] - mean;
                sq = Math.fma(d, d, sq);
            }
        }
        // The group sum goes to a local first: on jvm the kernel is split at the barriers inside groupSum, and a
        // value left on the operand stack across them (the 1f of 1f / sqrt(groupSum(...))) cannot be split.
        float variance = groupSum(ctx, partial, lid, sq) / cols;
        float rstd = 1f / TornadoMath.sqrt(variance + eps);
        if (active) for (int j = lid; j < cols; j += GROUP) out[base + j] = Math.fma((x[base + j] - mean) * rstd, gamma[j], beta[j]);
    }

    /** Grid: 1D (rows * GROUP), local GROUP. */
    public static void rmsNormGroup(KernelContext ctx, float[] x, float[] gamma, float[] out, int rows, int cols, float eps) {
        float[] partial = ctx.allocateFloatLocalArray(GROUP);
        int row = ctx.groupIdx;
        int lid = ctx.localIdx;
        boolean active = row < rows;
        int base = row * cols;
        float sq = 0.0f;
        if (active) for (int j = lid; j < cols; j += GROUP) sq = Math.fma(x[base + j], x[base + j], sq);
        float meanSquare = groupSum(ctx, partial, lid, sq) / cols;   // a local first: see layerNormGroup
        float scale = 1f / TornadoMath.sqrt(meanSquare + eps);
        if (active) for (int j = lid; j < cols; j += GROUP) out[base + j] = x[base + j] * scale * gamma[j];
    }

    /** Fused residual + LayerNorm, one group per row. Grid: 1D (rows * GROUP), local GROUP. */
    public static void residualLayerNormGroup(KernelContext ctx, float[] x, float[] residual, float[] gamma, float[] beta, float[] sum,
                                              float[] out, int rows, int cols, float eps) {
        float[] partial = ctx.allocateFloatLocalArray(GROUP);
        int row = ctx.groupIdx;
        int lid = ctx.localIdx;
        boolean active = row < rows;
        int base = row * cols;
        float t = 0.0f;
        if (active) {
            for (int j = lid; j < cols; j += GROUP) {
                float v = x[base + j] + residual[base + j];
                sum[base + j] = v;   // each item re-reads only what it wrote itself: no barrier needed
                t += v;
            }
        }
        float mean = groupSum(ctx, partial, lid, t) / cols;
        float sq = 0.0f;
        if (active) {
            for (int j = lid; j < cols; j += GROUP) {
                float d = sum[base + j] - mean;
                sq = Math.fma(d, d, sq);
            }
        }
        float variance = groupSum(ctx, partial, lid, sq) / cols;   // a local first: see layerNormGroup
        float rstd = 1f / TornadoMath.sqrt(variance + eps);
        if (active) for (int j = lid; j < cols; j += GROUP) out[base + j] = Math.fma((sum[base + j] - mean) * rstd, gamma[j], beta[j]);
    }

    static float groupSum(KernelContext ctx, float[] partial, int lid, float value) {
        partial[lid] = value;
        ctx.localBarrier();
        for (int s = GROUP / 2; s > 0; s = s / 2) {
            if (lid < s) partial[lid] = partial[lid] + partial[lid + s];
            ctx.localBarrier();
        }
        float result = partial[0];
        ctx.localBarrier();
        return result;
    }
}
