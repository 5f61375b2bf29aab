package hetero.kernels;

import uk.ac.manchester.tornado.api.math.TornadoMath;
import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.annotations.Parallel;

/**
 * Row-wise softmax over a [rows x cols] matrix, numerically stable: exp(x - max) never
 * overflows. Convention shared by every variant (and by attention, whose masked scores are
 * -infinity): a row whose entries are all -infinity has no mass to distribute and yields all
 * zeros, not NaN. Entries equal to -infinity get weight exactly 0.
 */
public final class Softmax {
    static final float NEG_INF = Float.NEGATIVE_INFINITY;
    /** Work-items per row in {@link #rowPerGroup}; a power of two for the tree reductions. */
    public static final int GROUP = 128;

    private Softmax() {
    }

    /** Double-precision reference. */
    public static float[] reference(float[] x, int rows, int cols) {
        float[] out = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) max = Math.max(max, x[r * cols + j]);
            if (max == Double.NEGATIVE_INFINITY) continue;   // fully masked row: zeros
            double sum = 0;
            for (int j = 0; j < cols; j++) sum += Math.exp(x[r * cols + j] - max);
            for (int j = 0; j < cols; j++) out[r * cols + j] = (float) (Math.exp(x[r * cols + j] - max) / sum);
        }
        return out;
    }

    // ---------------------------------------------------------------- variant 1: one work-item per row

    /** Three passes per row (max; sum of exp, stored; scale). Grid: 1D (rows). Parallelism = rows only. */
    public static void rowPerItem(float[] x, float[] out, int rows, int cols) {
        for (@Parallel int r = 0; r < rows; r++) {
            int base = r * cols;
            float max = NEG_INF;
            for (int j = 0; j < cols; j++) max = TornadoMath.max(max, x[base + j]);
            if (max == NEG_INF) {
                for (int j = 0; j < cols; j++) out[base + j] = 0.0f;
            } else {
                float sum = 0.0f;
                for (int j = 0; j < cols; j++) {
                    float e = TornadoMath.exp(x[base + j] - max);
                    out[base + j] = e;
                    sum += e;
                }
                float inv = 1.0f / sum;
                for (int j = 0; j < cols; j++) out[base + j] = out[base + j] * inv;
            }
        }
    }

    // ---------------------------------------------------------------- variant 2: one work-group per row

    /**
     * GROUP work-items share a row: each reduces a strided slice, then a tree reduction in local
     * memory combines the partial max and the partial sums. Strided slices keep neighbouring
     * work-items on neighbouring addresses (coalesced). Grid: 1D (rows * GROUP), local GROUP.
     */
    public static void rowPerGroup(KernelContext ctx, float[] x, float[] out, int rows, int cols) {
        float[] partial = ctx.allocateFloatLocalArray(GROUP);
        int row = ctx.groupIdx;
        int lid = ctx.localIdx;
        boolean active = row < rows;   // never return early: every item must reach the barriers
        int base = row * cols;

        float max = NEG_INF;
        if (active) for (int j = lid; j < cols; j += GROUP) max = TornadoMath.max(max, x[base + j]);
        float rowMax = groupMax(ctx, partial, lid, max);

        float sum = 0.0f;
        if (active && rowMax != NEG_INF) for (int j = lid; j < cols; j += GROUP) sum += TornadoMath.exp(x[base + j] - rowMax);
        float rowSum = groupSum(ctx, partial, lid, sum);

        if (active) {
            float inv = rowMax == NEG_INF ? 0.0f : 1.0f / rowSum;
            for (int j = lid; j < cols; j += GROUP) {
                float p = 0.0f;
                if (rowMax != NEG_INF) p = TornadoMath.exp(x[base + j] - rowMax) * inv;
                out[base + j] = p;
            }
        }
    }

    /** Tree reduction (max) over the group; every item gets the result. Ends with a barrier so partial can be reused. */
    static float groupMax(KernelContext ctx, float[] partial, int lid, float value) {
        partial[lid] = value;
        ctx.localBarrier();
        for (int s = GROUP / 2; s > 0; s = s / 2) {
            if (lid < s) partial[lid] = TornadoMath.max(partial[lid], partial[lid + s]);
            ctx.localBarrier();
        }
        float result = partial[0];
        ctx.localBarrier();
        return result;
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

    // ---------------------------------------------------------------- variant 3: online (one pass for max and sum)

    /**
     * Milakov and Gimelshein's online normalizer: one read of the row keeps a running max m and
     * a sum l rescaled whenever m grows (l = l * exp(m_old - m_new) + exp(x - m_new)), then a
     * second pass writes exp(x - m) / l. Two reads of the row instead of three; the same
     * recurrence is the heart of flash attention. Grid: 1D (rows).
     */
    public static void online(float[] x, float[] out, int rows, int cols) {
        for (@Parallel int r = 0; r < rows; r++) {
            int base = r * cols;
            float m = NEG_INF;
            float l = 0.0f;
            for (int j = 0; j < cols; j++) {
                float v = x[base + j];
                if (v > m) {
                    l = Math.fma(l, TornadoMath.exp(m - v), 1.0f);   // exp(-inf) = 0 on the first finite value
                    m = v;
                } else if (v != NEG_INF) {
                    l += TornadoMath.exp(v - m);
                }
            }
            float inv = l > 0.0f ? 1.0f / l : 0.0f;
            for (int j = 0; j < cols; j++) {
                float p = 0.0f;
                if (l > 0.0f) p = TornadoMath.exp(x[base + j] - m) * inv;
                out[base + j] = p;
            }
        }
    }
}
