package hetero.runtime;

import hetero.runtime.api.KMath;
import hetero.runtime.api.KernelContext;
import hetero.runtime.api.Parallel;

/** Small kernels used by the runtime's own tests and the JIT's golden-output checks. */
public final class SampleKernels {
    private SampleKernels() {
    }

    public static void vectorAdd(float[] a, float[] b, float[] c, int n) {
        for (@Parallel int i = 0; i < n; i++) {
            c[i] = a[i] + b[i];
        }
    }

    public static void matmul(float[] a, float[] b, float[] c, int m, int n, int k) {
        for (@Parallel int i = 0; i < m; i++) {
            for (@Parallel int j = 0; j < n; j++) {
                float acc = 0f;
                for (int p = 0; p < k; p++) {
                    acc = KMath.fma(a[i * k + p], b[p * n + j], acc);
                }
                c[i * n + j] = acc;
            }
        }
    }

    /** Sum of each work-group's slice into partial[group], by a tree reduction in local memory. */
    public static void groupSum(KernelContext ctx, float[] in, float[] partial, int n) {
        float[] scratch = ctx.allocateFloatLocalArray(64);
        int gid = ctx.globalIdx;
        int lid = ctx.localIdx;
        scratch[lid] = gid < n ? in[gid] : 0f;
        ctx.localBarrier();
        for (int stride = ctx.localGroupSizeX / 2; stride > 0; stride /= 2) {
            if (lid < stride) {
                scratch[lid] += scratch[lid + stride];
            }
            ctx.localBarrier();
        }
        if (lid == 0) {
            partial[ctx.groupIdx] = scratch[0];
        }
    }

    static float relu(float x) {
        return x > 0 ? x : 0f;
    }

    public static void reluAll(float[] x, int n) {
        for (@Parallel int i = 0; i < n; i++) {
            x[i] = relu(x[i]) + (i % 2 == 0 && x[i] < 1f || n > 3 ? 1f : 0f);
        }
    }
}
