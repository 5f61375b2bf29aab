package hetero.runtime.tornado;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.annotations.Parallel;
import uk.ac.manchester.tornado.api.annotations.Reduce;
import uk.ac.manchester.tornado.api.math.TornadoMath;
import uk.ac.manchester.tornado.api.types.arrays.ByteArray;
import uk.ac.manchester.tornado.api.types.arrays.CharArray;
import uk.ac.manchester.tornado.api.types.arrays.DoubleArray;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;
import uk.ac.manchester.tornado.api.types.arrays.LongArray;
import uk.ac.manchester.tornado.api.types.arrays.ShortArray;

/**
 * Kernels written as a TornadoVM user writes them: they import only TornadoVM's API, so this file
 * compiles unchanged against a real TornadoVM. Written here for the fidelity suite.
 */
public final class TornadoPrograms {
    private TornadoPrograms() {
    }

    /** Loop-parallel, one dimension; the size comes from the array. */
    public static void saxpy(float alpha, float[] x, float[] y, float[] out) {
        for (@Parallel int i = 0; i < out.length; i++) {
            out[i] = alpha * x[i] + y[i];
        }
    }

    /** Two nested parallel loops: rows (outer, dimension 0) and columns (dimension 1), then a sequential k loop. */
    public static void matMul(float[] a, float[] b, float[] c, int rows, int inner, int cols) {
        for (@Parallel int i = 0; i < rows; i++) {
            for (@Parallel int j = 0; j < cols; j++) {
                float sum = 0f;
                for (int k = 0; k < inner; k++) {
                    sum += a[i * inner + k] * b[k * cols + j];
                }
                c[i * cols + j] = sum;
            }
        }
    }

    /** Three nested parallel loops with a non-unit start. */
    public static void box3(int[] out, int nx, int ny, int nz) {
        for (@Parallel int x = 1; x < nx; x++) {
            for (@Parallel int y = 0; y < ny; y++) {
                for (@Parallel int z = 0; z < nz; z++) {
                    out[(x * ny + y) * nz + z] = x * 10000 + y * 100 + z;
                }
            }
        }
    }

    /**
     * Per-group sums with a local array sized by a parameter (folded into the code automatically),
     * a barrier-separated tree, and the ids and sizes of KernelContext.
     */
    public static void groupSums(KernelContext context, float[] in, float[] sums, int groupSize) {
        float[] scratch = context.allocateFloatLocalArray(groupSize);
        int gid = context.globalIdx;
        int lid = context.localIdx;
        scratch[lid] = gid < in.length ? in[gid] : 0f;
        context.localBarrier();
        for (int stride = context.localGroupSizeX / 2; stride > 0; stride /= 2) {
            if (lid < stride) scratch[lid] += scratch[lid + stride];
            context.localBarrier();
        }
        if (lid == 0) sums[context.groupIdx] = scratch[0];
    }

    /** Long and double local arrays, a global barrier, and the 2D ids and sizes. */
    public static void wideLocals(KernelContext context, long[] outLong, double[] outDouble) {
        long[] l = context.allocateLongLocalArray(64);
        double[] d = context.allocateDoubleLocalArray(64);
        int lx = context.localIdx, ly = context.localIdy;
        int flat = ly * context.localGroupSizeX + lx;
        l[flat] = (long) context.globalIdx * 1_000_000_007L + context.globalIdy;
        d[flat] = context.globalIdx * 0.5 + context.globalIdy;
        context.globalBarrier();
        int other = context.localGroupSizeX * context.localGroupSizeY - 1 - flat;
        int g = context.globalIdy * context.globalGroupSizeX + context.globalIdx;
        outLong[g] = l[other] + context.groupIdx + 10L * context.groupIdy;
        outDouble[g] = d[other];
    }

    /** TornadoMath's float functions, each result in its own slot. */
    public static void mathFloat(float[] x, float[] y, float[] out) {
        for (@Parallel int i = 0; i < x.length; i++) {
            float a = x[i], b = y[i];
            int o = i * 20;
            out[o] = TornadoMath.exp(a);
            out[o + 1] = TornadoMath.log(TornadoMath.abs(a) + 1f);
            out[o + 2] = TornadoMath.sqrt(TornadoMath.abs(b));
            out[o + 3] = TornadoMath.tanh(a);
            out[o + 4] = TornadoMath.sin(a);
            out[o + 5] = TornadoMath.cos(b);
            out[o + 6] = TornadoMath.floor(a);
            out[o + 7] = TornadoMath.ceil(b);
            out[o + 8] = TornadoMath.pow(TornadoMath.abs(a), 1.5f);
            out[o + 9] = TornadoMath.max(a, b);
            out[o + 10] = TornadoMath.min(a, b);
            out[o + 11] = TornadoMath.atan2(a, b);
            out[o + 12] = TornadoMath.asin(TornadoMath.clamp(a, -1f, 1f));
            out[o + 13] = TornadoMath.acos(TornadoMath.clamp(b, -1f, 1f));
            out[o + 14] = TornadoMath.atan(a);
            out[o + 15] = TornadoMath.signum(a);
            out[o + 16] = TornadoMath.fract(b);
            out[o + 17] = TornadoMath.tan(b * 0.25f);
            out[o + 18] = TornadoMath.abs(a - b);
            out[o + 19] = TornadoMath.max(TornadoMath.abs((int) a), TornadoMath.min((int) b, 3));
        }
    }

    /** java.lang.Math's inverse trigonometry and signum on doubles and floats. */
    public static void mathJava(double[] x, double[] y, double[] out, float[] fx, float[] fout) {
        for (@Parallel int i = 0; i < x.length; i++) {
            double a = x[i], b = y[i];
            out[i * 4] = Math.atan2(a, b);
            out[i * 4 + 1] = Math.asin(Math.max(-1.0, Math.min(1.0, a)));
            out[i * 4 + 2] = Math.acos(Math.max(-1.0, Math.min(1.0, b)));
            out[i * 4 + 3] = Math.signum(a);
            fout[i] = Math.signum(fx[i]);
        }
    }

    /** A histogram with KernelContext.atomicAdd: into global memory directly, and through a per-group local one. */
    public static void histogram(KernelContext context, int[] values, int[] bins, IntArray localBins) {
        int[] local = context.allocateIntLocalArray(8);
        int i = context.globalIdx;
        if (context.localIdx < 8) local[context.localIdx] = 0;
        context.localBarrier();
        if (i < values.length) {
            context.atomicAdd(bins, values[i] & 7, 1);
            context.atomicAdd(local, values[i] >>> 29, 1);
        }
        context.localBarrier();
        if (context.localIdx < 8) context.atomicAdd(localBins, context.localIdx, local[context.localIdx]);
    }

    /** Off-heap arrays: get, set and getSize, every element type the devices take. */
    public static void nativeArrays(FloatArray x, FloatArray y, IntArray idx, LongArray acc, DoubleArray out) {
        for (@Parallel int i = 0; i < y.getSize(); i++) {
            int j = idx.get(i);
            float v = x.get(j) * 2f + 1f;
            y.set(i, v);
            acc.set(i, acc.get(i) + (long) j * 3_000_000_000L);
            out.set(i, v * 0.5);
        }
    }

    /** A KernelContext kernel over off-heap arrays with a local tile. */
    public static void nativeReverseInGroups(KernelContext context, FloatArray in, FloatArray out) {
        float[] tile = context.allocateFloatLocalArray(32);
        int l = context.localIdx;
        tile[l] = in.get(context.globalIdx);
        context.localBarrier();
        out.set(context.globalIdx, tile[context.localGroupSizeX - 1 - l]);
    }

    /** Uses FloatArray.init inside a kernel, which has no device meaning (to check the refusal names it). */
    public static void initInKernel(FloatArray a) {
        for (@Parallel int i = 0; i < 1; i++) {
            a.init(1f);
        }
    }

    /** short[], byte[], char[]: loads widen (sign or zero), stores truncate, as in Java. */
    public static void narrowArrays(short[] s, byte[] b, char[] c, int[] out, short[] s2, byte[] b2, char[] c2) {
        for (@Parallel int i = 0; i < s.length; i++) {
            out[i * 3] = s[i] * 3;
            out[i * 3 + 1] = b[i] + 1;
            out[i * 3 + 2] = c[i] - 1;
            s2[i] = (short) (s[i] * 1000);
            b2[i] = (byte) (b[i] * 5);
            c2[i] = (char) (c[i] + 40000);
        }
    }

    /** The off-heap narrow arrays. */
    public static void narrowNativeArrays(ShortArray s, ByteArray b, CharArray c, IntArray out) {
        for (@Parallel int i = 0; i < s.getSize(); i++) {
            out.set(i, s.get(i) + b.get(i) * 1000 + c.get(i) * 100000);
            s.set(i, (short) (s.get(i) - 7));
            b.set(i, (byte) (b.get(i) ^ 0x55));
            c.set(i, (char) (c.get(i) * 3));
        }
    }

    /** @Reduce: a sum, initialised in the kernel. */
    public static void sum(float[] input, @Reduce float[] result) {
        result[0] = 0f;
        for (@Parallel int i = 0; i < input.length; i++) {
            result[0] += input[i];
        }
    }

    /** @Reduce on two arrays at once: the maximum (Math.max) and an integer count, onto the host's initial values. */
    public static void maxAndCount(FloatArray input, @Reduce float[] max, @Reduce int[] count, float threshold) {
        for (@Parallel int i = 0; i < input.getSize(); i++) {
            float v = input.get(i);
            max[0] = Math.max(max[0], v);
            count[0] += v > threshold ? 1 : 0;
        }
    }

    /** A product of doubles. */
    public static void product(double[] input, @Reduce double[] result) {
        result[0] = 1.0;
        for (@Parallel int i = 0; i < input.length; i++) {
            result[0] *= input[i];
        }
    }

    /** Vector types in a kernel, over an off-heap array: Float4 values in registers, FloatN accumulators in a loop. */
    public static void scaleByFloat4(FloatArray a) {
        for (@Parallel int i = 0; i < a.getSize() / 4; i++) {
            uk.ac.manchester.tornado.api.types.vectors.Float4 v = uk.ac.manchester.tornado.api.types.vectors.Float4.loadFromArray(a, i * 4);
            uk.ac.manchester.tornado.api.types.vectors.Float4.mult(v, 2f).storeToArray(a, i * 4);
        }
    }

    /** Row sums of a matrix with Float8 accumulators: out[r] = sum over columns (cols a multiple of 8). */
    public static void rowSumsFloat8(FloatArray m, FloatArray out, int cols) {
        for (@Parallel int r = 0; r < out.getSize(); r++) {
            uk.ac.manchester.tornado.api.types.vectors.Float8 acc = new uk.ac.manchester.tornado.api.types.vectors.Float8();
            for (int c = 0; c < cols; c += 8) {
                acc = uk.ac.manchester.tornado.api.types.vectors.Float8.add(acc, uk.ac.manchester.tornado.api.types.vectors.Float8.loadFromArray(m, r * cols + c));
            }
            out.set(r, uk.ac.manchester.tornado.api.types.vectors.Float8.sum(acc));
        }
    }

    /** Records each work-item's work-group size and number of groups. */
    public static void groupShape(KernelContext context, int[] out) {
        int i = context.globalIdx;
        if (i < out.length) out[i] = context.localGroupSizeX * 1000 + context.globalGroupSizeX / context.localGroupSizeX;
    }

    /** 3D ids and sizes, and TornadoMath on ints and longs. */
    public static void ids3D(KernelContext context, long[] out) {
        int x = context.globalIdx, y = context.globalIdy, z = context.globalIdz;
        int flat = (z * context.globalGroupSizeY + y) * context.globalGroupSizeX + x;
        long code = context.localIdz * 100 + context.groupIdz * 10 + context.localGroupSizeZ;
        out[flat] = TornadoMath.max(code, TornadoMath.abs(-7L)) + TornadoMath.clamp(x - y, -1, 1) * 1000L
                + TornadoMath.min((long) z, 1L) * 100000L;
    }
}
