package hetero.runtime.conformance;

import hetero.runtime.api.KMath;
import hetero.runtime.api.KernelContext;
import hetero.runtime.api.Parallel;
import uk.ac.manchester.tornado.api.types.vectors.Float16;
import uk.ac.manchester.tornado.api.types.vectors.Float2;
import uk.ac.manchester.tornado.api.types.vectors.Float4;
import uk.ac.manchester.tornado.api.types.vectors.Float8;

/**
 * Small kernels, each exercising one corner of Java semantics or of the kernel language. Every one
 * runs on the JVM (the reference) and on each device backend, and the results must agree.
 */
public final class ConformanceKernels {
    private ConformanceKernels() {
    }

    static final int SCALE = 3;
    static final float HALF = 0.5f;

    // ---- int arithmetic (a and b hold every pair of edge values)
    public static void intAdd(int[] a, int[] b, int[] c) { for (@Parallel int i = 0; i < c.length; i++) c[i] = a[i] + b[i]; }

    public static void intSub(int[] a, int[] b, int[] c) { for (@Parallel int i = 0; i < c.length; i++) c[i] = a[i] - b[i]; }

    public static void intMul(int[] a, int[] b, int[] c) { for (@Parallel int i = 0; i < c.length; i++) c[i] = a[i] * b[i]; }

    public static void intDiv(int[] a, int[] b, int[] c) {
        for (@Parallel int i = 0; i < c.length; i++) c[i] = b[i] == 0 ? 0 : a[i] / b[i];
    }

    public static void intRem(int[] a, int[] b, int[] c) {
        for (@Parallel int i = 0; i < c.length; i++) c[i] = b[i] == 0 ? 0 : a[i] % b[i];
    }

    public static void intDivByConstant(int[] a, int[] c) {
        for (@Parallel int i = 0; i < c.length; i++) c[i] = a[i] / 7 + a[i] % 5 + a[i] / -3;
    }

    public static void intNeg(int[] a, int[] c) { for (@Parallel int i = 0; i < c.length; i++) c[i] = -a[i]; }

    public static void intBitwise(int[] a, int[] b, int[] and, int[] or, int[] xor, int[] not) {
        for (@Parallel int i = 0; i < and.length; i++) {
            and[i] = a[i] & b[i];
            or[i] = a[i] | b[i];
            xor[i] = a[i] ^ b[i];
            not[i] = ~a[i];
        }
    }

    public static void intShifts(int[] a, int[] b, int[] shl, int[] shr, int[] ushr) {
        for (@Parallel int i = 0; i < shl.length; i++) {
            shl[i] = a[i] << b[i];
            shr[i] = a[i] >> b[i];
            ushr[i] = a[i] >>> b[i];
        }
    }

    public static void intConstantShifts(int[] a, int[] c) {
        for (@Parallel int i = 0; i < c.length; i++) c[i] = (a[i] << 3) + (a[i] >> 33) + (a[i] >>> 31);
    }

    // ---- long arithmetic
    public static void longArith(long[] a, long[] b, long[] add, long[] sub, long[] mul) {
        for (@Parallel int i = 0; i < add.length; i++) {
            add[i] = a[i] + b[i];
            sub[i] = a[i] - b[i];
            mul[i] = a[i] * b[i];
        }
    }

    public static void longDivRem(long[] a, long[] b, long[] div, long[] rem) {
        for (@Parallel int i = 0; i < div.length; i++) {
            div[i] = b[i] == 0 ? 0 : a[i] / b[i];
            rem[i] = b[i] == 0 ? 0 : a[i] % b[i];
        }
    }

    public static void longShifts(long[] a, int[] s, long[] shl, long[] shr, long[] ushr) {
        for (@Parallel int i = 0; i < shl.length; i++) {
            shl[i] = a[i] << s[i];
            shr[i] = a[i] >> s[i];
            ushr[i] = a[i] >>> s[i];
        }
    }

    public static void longNegBitwise(long[] a, long[] b, long[] neg, long[] mix) {
        for (@Parallel int i = 0; i < neg.length; i++) {
            neg[i] = -a[i];
            mix[i] = (a[i] & b[i]) ^ (a[i] | ~b[i]);
        }
    }

    // ---- float and double arithmetic
    public static void floatArith(float[] a, float[] b, float[] add, float[] sub, float[] mul, float[] div) {
        for (@Parallel int i = 0; i < add.length; i++) {
            add[i] = a[i] + b[i];
            sub[i] = a[i] - b[i];
            mul[i] = a[i] * b[i];
            div[i] = a[i] / b[i];
        }
    }

    public static void floatRemNeg(float[] a, float[] b, float[] rem, float[] neg) {
        for (@Parallel int i = 0; i < rem.length; i++) {
            rem[i] = a[i] % b[i];
            neg[i] = -a[i];
        }
    }

    /** a*b+c must round twice, as in Java: FP contraction has to be off on the device. */
    public static void floatNoContraction(float[] a, float[] b, float[] c, float[] out) {
        for (@Parallel int i = 0; i < out.length; i++) out[i] = a[i] * b[i] + c[i];
    }

    public static void doubleArith(double[] a, double[] b, double[] add, double[] mul, double[] div, double[] rem) {
        for (@Parallel int i = 0; i < add.length; i++) {
            add[i] = a[i] + b[i] - a[i] * 0.5;
            mul[i] = a[i] * b[i];
            div[i] = a[i] / b[i];
            rem[i] = a[i] % b[i];
        }
    }

    public static void floatDoubleMix(float[] a, double[] d, float[] out) {
        for (@Parallel int i = 0; i < out.length; i++) out[i] = (float) (a[i] * 1.1 + d[i]) + a[i] * 1.1f;
    }

    // ---- conversions
    public static void floatToInt(float[] a, int[] toInt, long[] toLong) {
        for (@Parallel int i = 0; i < toInt.length; i++) {
            toInt[i] = (int) a[i];
            toLong[i] = (long) a[i];
        }
    }

    public static void doubleToInt(double[] a, int[] toInt, long[] toLong, float[] toFloat) {
        for (@Parallel int i = 0; i < toInt.length; i++) {
            toInt[i] = (int) a[i];
            toLong[i] = (long) a[i];
            toFloat[i] = (float) a[i];
        }
    }

    public static void intConversions(int[] a, long[] l, float[] f, double[] d, long[] widened) {
        for (@Parallel int i = 0; i < f.length; i++) {
            f[i] = (float) a[i];
            d[i] = a[i];
            widened[i] = a[i];
            l[i] = (long) (int) (l[i] * 3L);
        }
    }

    public static void longConversions(long[] l, float[] f, double[] d, int[] narrowed) {
        for (@Parallel int i = 0; i < f.length; i++) {
            f[i] = (float) l[i];
            d[i] = (double) l[i];
            narrowed[i] = (int) l[i];
        }
    }

    public static void narrowing(int[] a, int[] b, int[] s, int[] c) {
        for (@Parallel int i = 0; i < a.length; i++) {
            b[i] = (byte) a[i];
            s[i] = (short) a[i];
            c[i] = (char) a[i];
        }
    }

    // ---- comparisons (NaN and -0.0 included)
    public static void floatCompare(float[] a, float[] b, int[] out) {
        for (@Parallel int i = 0; i < a.length; i++) {
            int r = 0;
            if (a[i] < b[i]) r |= 1;
            if (a[i] <= b[i]) r |= 2;
            if (a[i] > b[i]) r |= 4;
            if (a[i] >= b[i]) r |= 8;
            if (a[i] == b[i]) r |= 16;
            if (a[i] != b[i]) r |= 32;
            if (!(a[i] < b[i])) r |= 64;
            out[i] = r;
        }
    }

    public static void doubleCompare(double[] a, double[] b, int[] out) {
        for (@Parallel int i = 0; i < a.length; i++) {
            out[i] = (a[i] < b[i] ? 1 : 0) + (a[i] >= b[i] ? 2 : 0) + (a[i] == b[i] ? 4 : 0) + (a[i] > b[i] ? 8 : 0);
        }
    }

    public static void longCompare(long[] a, long[] b, int[] out) {
        for (@Parallel int i = 0; i < a.length; i++) {
            out[i] = (a[i] < b[i] ? 1 : 0) + (a[i] <= b[i] ? 2 : 0) + (a[i] == b[i] ? 4 : 0) + (a[i] > b[i] ? 8 : 0)
                    + (Long.compare(a[i], b[i]) + 1) * 16;
        }
    }

    // ---- Math and KMath
    public static void javaMaxMin(float[] a, float[] b, float[] max, float[] min, double[] dmax) {
        for (@Parallel int i = 0; i < a.length; i++) {
            max[i] = Math.max(a[i], b[i]);
            min[i] = Math.min(a[i], b[i]);
            dmax[i] = Math.max((double) a[i], (double) b[i]);
        }
    }

    public static void intMathFunctions(int[] a, int[] b, int[] max, int[] min, int[] abs, long[] labs) {
        for (@Parallel int i = 0; i < a.length; i++) {
            max[i] = Math.max(a[i], b[i]);
            min[i] = KMath.min(a[i], b[i]);
            abs[i] = Math.abs(a[i]);
            labs[i] = Math.abs((long) a[i] * 3L);
        }
    }

    public static void floatMath(float[] x, float[] exp, float[] log, float[] sqrt, float[] tanh, float[] rsqrt, float[] erf) {
        for (@Parallel int i = 0; i < x.length; i++) {
            exp[i] = KMath.exp(x[i]);
            log[i] = KMath.log(x[i]);
            sqrt[i] = KMath.sqrt(x[i]);
            tanh[i] = KMath.tanh(x[i]);
            rsqrt[i] = KMath.rsqrt(x[i]);
            erf[i] = KMath.erf(x[i]);
        }
    }

    public static void floatMath2(float[] x, float[] y, float[] pow, float[] fma, float[] maxmin, float[] abs) {
        for (@Parallel int i = 0; i < x.length; i++) {
            pow[i] = KMath.pow(x[i], y[i]);
            fma[i] = KMath.fma(x[i], y[i], 1.5f);
            maxmin[i] = KMath.max(x[i], y[i]) - KMath.min(x[i], y[i]);
            abs[i] = KMath.abs(x[i]) + KMath.floor(y[i]) + KMath.ceil(x[i]);
        }
    }

    public static void doubleMath(double[] x, double[] out) {
        for (@Parallel int i = 0; i < x.length; i++) out[i] = Math.exp(x[i]) + Math.sqrt(Math.abs(x[i])) + Math.tanh(x[i]);
    }

    public static void floatBits(float[] x, int[] bits, float[] back) {
        for (@Parallel int i = 0; i < x.length; i++) {
            bits[i] = Float.floatToRawIntBits(x[i]);
            back[i] = Float.intBitsToFloat(bits[i] ^ 0x80000000);
        }
    }

    public static void nanChecks(float[] x, int[] out) {
        for (@Parallel int i = 0; i < x.length; i++) out[i] = (Float.isNaN(x[i]) ? 1 : 0) + (Float.isInfinite(x[i]) ? 2 : 0);
    }

    // ---- parallel loops
    public static void parallel2D(float[] a, float[] out, int rows, int cols) {
        for (@Parallel int r = 0; r < rows; r++) {
            for (@Parallel int c = 0; c < cols; c++) {
                out[c * rows + r] = a[r * cols + c] * 2f + r - c;
            }
        }
    }

    public static void parallel3D(int[] out, int nx, int ny, int nz) {
        for (@Parallel int z = 0; z < nz; z++) {
            for (@Parallel int y = 0; y < ny; y++) {
                for (@Parallel int x = 0; x < nx; x++) {
                    out[(z * ny + y) * nx + x] = x + 100 * y + 10000 * z;
                }
            }
        }
    }

    public static void stridedLoop(int[] out, int start, int n) {
        for (@Parallel int i = start; i < n; i += 3) out[i] = i * 2 + 1;
    }

    public static void inclusiveBound(int[] out, int last) {
        for (@Parallel int i = 1; i <= last; i++) out[i] = i * i;
    }

    /** A parallel loop with sequential work inside and outside it. */
    public static void prefixPerRow(float[] a, float[] out, int rows, int cols) {
        for (@Parallel int r = 0; r < rows; r++) {
            float sum = 0f;
            for (int c = 0; c < cols; c++) {
                sum += a[r * cols + c];
                out[r * cols + c] = sum;
            }
        }
    }

    public static void singleThreaded(int[] out) {
        int acc = 0;
        for (int i = 0; i < out.length; i++) {
            acc = acc * 31 + i;
            out[i] = acc;
        }
    }

    // ---- control flow
    public static void whileBreakContinue(int[] a, int[] out) {
        for (@Parallel int i = 0; i < out.length; i++) {
            int x = a[i];
            int steps = 0;
            while (true) {
                if (x == 1 || steps > 50) break;
                steps++;
                if ((x & 1) == 0) {
                    x = x / 2;
                    continue;
                }
                x = 3 * x + 1;
            }
            out[i] = steps;
        }
    }

    public static void doWhile(int[] a, int[] out) {
        for (@Parallel int i = 0; i < out.length; i++) {
            int x = a[i] & 1023;
            int digits = 0;
            do {
                digits++;
                x /= 10;
            } while (x != 0);
            out[i] = digits;
        }
    }

    public static void ternaries(float[] a, float[] out) {
        for (@Parallel int i = 0; i < out.length; i++) {
            float v = a[i];
            out[i] = v > 0 ? (v > 10 ? 10 : v) : (v < -10 ? -10f : v * HALF);
        }
    }

    public static void shortCircuit(int[] a, int[] b, int[] out) {
        for (@Parallel int i = 0; i < out.length; i++) {
            boolean p = a[i] > 0 && b[i] > 0;
            boolean q = a[i] < -5 || b[i] % 3 == 0;
            out[i] = (p ? 1 : 0) + (q ? 2 : 0) + (!p && (q || a[i] == 0) ? 4 : 0);
        }
    }

    public static void switchStatement(int[] a, int[] out) {
        for (@Parallel int i = 0; i < out.length; i++) {
            int r;
            switch (a[i] & 7) {
                case 0 -> r = 10;
                case 1, 2 -> r = 20;
                case 5 -> r = a[i] * SCALE;
                default -> r = -1;
            }
            out[i] = r;
        }
    }

    /** A labelled break out of two loops: not structurable as-is, so it exercises the goto form. */
    public static void labelledBreak(int[] a, int[] out, int n) {
        for (@Parallel int i = 0; i < n; i++) {
            int found = -1;
            outer:
            for (int x = 0; x < 8; x++) {
                for (int y = 0; y < 8; y++) {
                    if ((a[i] + x * y) % 11 == 0) {
                        found = x * 8 + y;
                        break outer;
                    }
                }
            }
            out[i] = found;
        }
    }

    public static void earlyReturn(int[] a, int[] out) {
        for (int i = 0; i < out.length; i++) {
            if (a[i] < 0) return;
            out[i] = a[i] * 2;
        }
    }

    public static void compoundAssign(float[] a, int[] counts, long[] acc) {
        for (@Parallel int i = 0; i < a.length; i++) {
            a[i] *= 2f;
            a[i] += 1f;
            counts[i] += i;
            counts[i] <<= 1;
            acc[i] += (long) counts[i] * 1000000007L;
        }
    }

    public static void arrayLength(float[] a, int[] out) {
        for (@Parallel int i = 0; i < out.length; i++) out[i] = a.length * 10 + out.length;
    }

    public static void longLoopCounter(long[] out) {
        for (@Parallel int i = 0; i < out.length; i++) {
            long s = 0;
            for (long k = i; k < i + 40L; k++) s += k * k;
            out[i] = s;
        }
    }

    // ---- device functions
    static float squareHelper(float x) {
        return x * x;
    }

    static float dot(float[] a, float[] b, int offset, int n) {
        float s = 0;
        for (int k = 0; k < n; k++) s = KMath.fma(a[offset + k], b[k], s);
        return s;
    }

    static void scaleRow(float[] row, int offset, int n, float factor) {
        for (int k = 0; k < n; k++) row[offset + k] *= factor;
    }

    static int lengthOf(float[] a) {
        return a.length;
    }

    public static void helpers(float[] m, float[] v, float[] out, int rows, int cols) {
        for (@Parallel int r = 0; r < rows; r++) {
            out[r] = squareHelper(dot(m, v, r * cols, cols)) + lengthOf(v);
            scaleRow(m, r * cols, cols, 0.5f);
        }
    }

    // ---- KernelContext: ids, local memory, barriers, reductions
    public static void contextIds(KernelContext ctx, int[] out) {
        int g = ctx.globalIdx;
        out[g] = ctx.localIdx + 1000 * ctx.groupIdx + 1000000 * ctx.localGroupSizeX + (ctx.globalGroupSizeX == out.length ? 7 : 0) * 100000000;
    }

    public static void contextIds2D(KernelContext ctx, int[] out, int width) {
        int x = ctx.globalIdx, y = ctx.globalIdy;
        if (x < width) out[y * width + x] = ctx.localIdy * 100 + ctx.groupIdy * 10 + ctx.localIdx;
    }

    public static void groupReduce(KernelContext ctx, float[] in, float[] partial, int n) {
        float[] scratch = ctx.allocateFloatLocalArray(64);
        int gid = ctx.globalIdx;
        int lid = ctx.localIdx;
        scratch[lid] = gid < n ? in[gid] : 0f;
        ctx.localBarrier();
        for (int stride = ctx.localGroupSizeX / 2; stride > 0; stride /= 2) {
            if (lid < stride) scratch[lid] += scratch[lid + stride];
            ctx.localBarrier();
        }
        if (lid == 0) partial[ctx.groupIdx] = scratch[0];
    }

    /** Reverses each work-group's slice through local memory: needs the barrier to be real. */
    public static void reverseInGroup(KernelContext ctx, int[] data) {
        int[] tile = ctx.allocateIntLocalArray(32);
        int lid = ctx.localIdx;
        int size = ctx.localGroupSizeX;
        tile[lid] = data[ctx.globalIdx];
        ctx.localBarrier();
        data[ctx.globalIdx] = tile[size - 1 - lid];
    }

    static float groupMax(KernelContext ctx, float[] scratch, float v) {
        int lid = ctx.localIdx;
        scratch[lid] = v;
        ctx.localBarrier();
        for (int s = ctx.localGroupSizeX / 2; s > 0; s >>= 1) {
            if (lid < s) scratch[lid] = KMath.max(scratch[lid], scratch[lid + s]);
            ctx.localBarrier();
        }
        float m = scratch[0];
        ctx.localBarrier();
        return m;
    }

    /** A helper that takes a local array and waits at barriers. */
    public static void rowMax(KernelContext ctx, float[] x, float[] out, int cols) {
        float[] scratch = ctx.allocateFloatLocalArray(16);
        int row = ctx.groupIdx;
        float m = -Float.MAX_VALUE;
        for (int c = ctx.localIdx; c < cols; c += ctx.localGroupSizeX) m = KMath.max(m, x[row * cols + c]);
        float r = groupMax(ctx, scratch, m);
        if (ctx.localIdx == 0) out[row] = r;
    }

    /** Local array sized by a specialized parameter. */
    public static void specializedTile(KernelContext ctx, float[] in, float[] out, int tile) {
        float[] buf = ctx.allocateFloatLocalArray(tile);
        int lid = ctx.localIdx;
        buf[lid] = in[ctx.globalIdx];
        ctx.localBarrier();
        float s = 0;
        for (int k = 0; k < tile; k++) s += buf[k];
        out[ctx.globalIdx] = s;
    }

    // ---- the device contract, also on jvm (issue 9's defects)

    /** No guard: x / 0 and x % 0 give 0 on every backend, jvm included. */
    public static void divisionByZero(int[] a, int[] b, int[] div, int[] rem, long[] ldiv, long[] lrem) {
        for (@Parallel int i = 0; i < a.length; i++) {
            div[i] = a[i] / b[i];
            rem[i] = a[i] % b[i];
            ldiv[i] = (long) a[i] / b[i];
            lrem[i] = (long) a[i] % b[i];
        }
    }

    /** KMath.max/min: a NaN operand gives the other one, and -0.0 < 0.0, on every backend. */
    public static void kmathMaxMin(float[] a, float[] b, float[] max, float[] min) {
        for (@Parallel int i = 0; i < a.length; i++) {
            max[i] = KMath.max(a[i], b[i]);
            min[i] = KMath.min(a[i], b[i]);
        }
    }

    /** Java runs 10 iterations; the grid-strided loop must not wrap past Integer.MAX_VALUE into more. */
    public static void nearIntMax(int[] out) {
        for (@Parallel int i = Integer.MAX_VALUE - 10; i < Integer.MAX_VALUE; i++) out[i - (Integer.MAX_VALUE - 10)] += i;
    }

    /** Specialized boolean and char parameters fold to ints. */
    public static void specializedFlags(int[] out, boolean negate, char offset) {
        for (@Parallel int i = 0; i < out.length; i++) out[i] = negate ? -(i + offset) : i + offset;
    }

    /**
     * What the loop passes rewrite: a constant-trip loop with a continue (unrolled), an index
     * {@code k * stride + i} that wraps past Integer.MAX_VALUE (strength-reduced), and an invariant
     * division by a possibly zero argument (hoisted); the results must stay Java's.
     */
    public static void loopPasses(int[] a, int[] out, int stride, int d) {
        for (@Parallel int i = 0; i < out.length; i++) {
            int acc = 0;
            for (int k = 0; k < 6; k++) {
                if (k == 2) continue;
                acc += a[(k * stride + i) & 63] * k;
            }
            for (int k = 3; k < out.length; k += 5) {
                acc += ((k * stride + i) >>> 26) + stride / d + a[(k * stride + i * 3) & 63];
            }
            out[i] = acc;
        }
    }

    /** Named like OpenCL built-ins: the kernel {@code cross} and the device function {@code clamp}. */
    public static void cross(float[] a, float[] b, float[] out) {
        for (@Parallel int i = 0; i < out.length; i++) out[i] = clamp(a[i] * b[i], -1f, 1f);
    }

    static float clamp(float x, float lo, float hi) {
        return x < lo ? lo : x > hi ? hi : x;
    }

    // ---- vector types (TornadoVM's FloatN: values in registers, vloadN/vstoreN, lane-wise operations)

    /** Lane-wise + - * / and the scalar forms, loaded and stored at an index that is not a multiple of 4. */
    public static void float4Arith(float[] a, float[] b, float[] sum, float[] diff, float[] prod, float[] quot, float[] scaled) {
        for (@Parallel int i = 0; i < a.length / 4 - 1; i++) {
            int at = 4 * i + 1;
            Float4 x = Float4.loadFromArray(a, at);
            Float4 y = Float4.loadFromArray(b, at);
            Float4.add(x, y).storeToArray(sum, at);
            Float4.sub(x, y).storeToArray(diff, at);
            Float4.mult(x, y).storeToArray(prod, at);
            Float4.div(x, y).storeToArray(quot, at);
            Float4.div(Float4.sub(Float4.add(Float4.mult(x, 0.5f), 3f), 0.25f), 1.5f).storeToArray(scaled, at);
        }
    }

    /** fma rounds once per lane, sqrt is correctly rounded, min/max keep Math.max/min's rules (NaN, -0.0). */
    public static void float8FmaSqrtMinMax(float[] a, float[] b, float[] c, float[] fma, float[] sqrt, float[] max, float[] min) {
        for (@Parallel int i = 0; i < a.length / 8; i++) {
            int at = 8 * i + (i % 3);
            if (at + 8 > a.length) continue;
            Float8 x = Float8.loadFromArray(a, at);
            Float8 y = Float8.loadFromArray(b, at);
            Float8.fma(x, y, Float8.loadFromArray(c, at)).storeToArray(fma, at);
            Float8.sqrt(x).storeToArray(sqrt, at);
            Float8.max(x, y).storeToArray(max, at);
            Float8.min(x, y).storeToArray(min, at);
        }
    }

    /** dot, sum and length keep the Java classes' order of additions (lane 0 first). */
    public static void float16Reductions(float[] a, float[] b, float[] dot, float[] sum, float[] length) {
        for (@Parallel int i = 0; i < dot.length; i++) {
            Float16 x = Float16.loadFromArray(a, 3 * i);
            Float16 y = Float16.loadFromArray(b, 3 * i + 5);
            dot[i] = Float16.dot(x, y);
            sum[i] = Float16.sum(Float16.add(x, y));
            length[i] = Float16.length(x) + Float16.max(y) - Float16.min(x);
        }
    }

    /** Lanes read and written by name and by index (constant and chosen at run time), constructors, duplicate, size. */
    public static void vectorLanes(float[] a, int[] lane, float[] out, float[] picked) {
        for (@Parallel int i = 0; i < picked.length; i++) {
            Float4 v = Float4.loadFromArray(a, 4 * i);
            Float4 copy = v.duplicate();
            v.setY(v.getX() * 2f);
            v.set(lane[i], -1.5f);
            v.setW(v.getW() + copy.getZ());
            Float2 p = new Float2(v.getZ(), copy.get(lane[i]));
            p.setX(p.getX() + p.getY() + v.size());
            Float8 w = new Float8(v.getX(), v.getY(), v.getZ(), v.getW(), p.getX(), p.getY(), copy.getY(), 0f);
            w.set(7, w.getS4() - w.get(lane[i] + 4));
            w.storeToArray(out, 8 * i);
            picked[i] = v.get(lane[i]) + new Float4().getW() + new Float4(1f, 2f, 3f, 4f).get(lane[i]);
        }
    }

    /** A vector accumulator kept across the iterations of a loop (the register-tile pattern). */
    public static void vectorAccumulator(float[] a, float[] b, float[] out, int k) {
        for (@Parallel int i = 0; i < out.length / 4; i++) {
            Float4 acc = new Float4();
            Float4 max = Float4.loadFromArray(a, i);
            for (int j = 0; j < k; j++) {
                Float4 x = Float4.loadFromArray(a, i + 4 * j + 1);
                acc = Float4.fma(x, Float4.loadFromArray(b, 4 * j), acc);
                max = Float4.max(max, x);
            }
            Float4.add(acc, max).storeToArray(out, 4 * i);
        }
    }

    /** Vector loads from local memory (work-group shared), and a Float2 kept across a barrier, in a KernelContext kernel. */
    public static void vectorLocalMemory(KernelContext ctx, float[] in, float[] out) {
        float[] tile = ctx.allocateFloatLocalArray(80);
        int l = ctx.localIdx;
        tile[l] = in[ctx.globalIdx];
        if (l < 16) tile[l + 64] = 0.25f * l;
        Float2 before = new Float2(tile[l], 1f);
        ctx.localBarrier();
        Float16 v = Float16.loadFromArray(tile, l);
        out[ctx.globalIdx] = Float16.sum(Float16.mult(v, v)) + Float2.dot(before, before);
    }

    /** out[i] = sum over k of a[k * n + i] * b[k], one FMA per step: the scalar twin of columnMacFloat16. */
    public static void columnMac(float[] a, float[] b, float[] out, int n, int kk) {
        for (@Parallel int i = 0; i < n; i++) {
            float acc = 0f;
            for (int k = 0; k < kk; k++) acc = Math.fma(a[k * n + i], b[k], acc);
            out[i] = acc;
        }
    }

    /** columnMac with 16 columns per work-item in a Float16 accumulator (n a multiple of 16): the same sums, bit for bit. */
    public static void columnMacFloat16(float[] a, float[] b, float[] out, int n, int kk) {
        for (@Parallel int i = 0; i < n / 16; i++) {
            Float16 acc = new Float16();
            for (int k = 0; k < kk; k++) {
                acc = Float16.fma(Float16.loadFromArray(a, k * n + 16 * i), Float16.add(new Float16(), b[k]), acc);
            }
            acc.storeToArray(out, 16 * i);
        }
    }
    // ---- private arrays: new T[N] with N constant after specialization, one per work-item, zeroed as in Java

    static final int PRIV = 5;
    static final int GROUP = 32;

    /**
     * Every element starts at zero, for each type, and again in every iteration: run with a grid
     * smaller than the range, a work-item that did not re-zero would see the previous iteration's value.
     */
    public static void privateZeroInit(int[] outI, long[] outL, float[] outF, double[] outD) {
        for (@Parallel int i = 0; i < outI.length; i++) {
            int[] a = new int[PRIV];
            long[] b = new long[PRIV];
            float[] c = new float[PRIV];
            double[] d = new double[PRIV];
            int k = i % PRIV;
            a[k] = i + 1;
            b[k] = (long) i << 33;
            c[k] = i * 0.5f;
            d[k] = i * 0.25;
            int si = 0;
            long sl = 0;
            float sf = 0;
            double sd = 0;
            for (int j = 0; j < PRIV; j++) {
                si += a[j] * (j + 1);
                sl += b[j] * (j + 1);
                sf += c[j] * (j + 1);
                sd += d[j] * (j + 1);
            }
            outI[i] = si;
            outL[i] = sl;
            outF[i] = sf;
            outD[i] = sd;
        }
    }

    /** Accumulate into a private tile, then write it back: the register-tile pattern. */
    public static void privateAccumulate(float[] x, float[] out, int n) {
        for (@Parallel int i = 0; i < out.length / 4; i++) {
            float[] acc = new float[4];
            for (int j = 0; j < n; j++) acc[j & 3] += x[i * n + j];
            for (int q = 0; q < 4; q++) out[i * 4 + q] = acc[q] * 2f;
        }
    }

    /** Size from a scalar parameter (folded in by the plan on its own) and read back through length. */
    public static void privateSpecializedSize(float[] x, float[] out, int width) {
        for (@Parallel int i = 0; i < out.length / width; i++) {
            float[] row = new float[width];
            for (int j = 0; j < row.length; j++) row[j] = x[i * width + j];
            for (int j = 1; j < row.length; j++) row[j] += row[j - 1];
            for (int j = 0; j < row.length; j++) out[i * width + j] = row[j];
        }
    }

    static final int BINS = 40;

    /** Indices known only at run time: a per-work-item histogram (40 bins: more than PTX zeroes one store at a time). */
    public static void privateRuntimeIndex(int[] keys, int[] out) {
        for (@Parallel int i = 0; i < out.length / BINS; i++) {
            int[] hist = new int[BINS];
            for (int j = 0; j < 16; j++) hist[(keys[i * 16 + j] & 0x7fffffff) % BINS]++;
            int first = (keys[i * 16] & 0x7fffffff) % BINS;
            for (int q = 0; q < BINS; q++) out[i * BINS + q] = hist[q] * 100 + hist[first];
        }
    }

    /** In a KernelContext kernel, live across a barrier: each work-item keeps its own values. */
    public static void privateInContext(KernelContext ctx, float[] in, float[] out) {
        float[] tile = ctx.allocateFloatLocalArray(GROUP);
        float[] mine = new float[3];
        int lid = ctx.localIdx, gid = ctx.globalIdx;
        for (int k = 0; k < 3; k++) mine[k] = in[gid * 3 + k];
        tile[lid] = mine[0] + mine[1] + mine[2];
        ctx.localBarrier();
        mine[1] += tile[(lid + 1) % GROUP];
        for (int k = 0; k < 3; k++) out[gid * 3 + k] = mine[k];
    }

    /** A private array in a device function (its size a static final: device functions are not specialized). */
    public static void privateInHelper(float[] x, float[] out) {
        for (@Parallel int i = 0; i < out.length; i++) out[i] = windowMax(x, i);
    }

    /** Constant-trip loops nested in the @Parallel loop: the unroller unrolls the inner one, then the outer one. */
    public static void nestedConstantLoops(float[] x, float[] out) {
        for (@Parallel int i = 0; i < out.length; i++) {
            float s = 0;
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 4; b++) s += x[(i + a * 4 + b) % x.length] * (a + 1);
            }
            out[i] = s;
        }
    }

    static float windowMax(float[] x, int i) {
        float[] w = new float[PRIV];
        for (int k = 0; k < w.length; k++) w[k] = x[(i + k) % x.length];
        float m = w[0];
        for (int k = 1; k < w.length; k++) m = Math.max(m, w[k]);
        return m;
    }

    // ---- overflow-free indexing: the launch check proves the index arithmetic (fast variant) or not (exact)

    /**
     * A guarded strided gather. With stride 3 no index wraps; with stride 2^30, i * stride wraps, and
     * for i = 4 it wraps to 0, so Java reads a[1] where 64-bit arithmetic would read far out of bounds.
     */
    public static void stridedGather(int[] a, int[] out, int stride) {
        for (@Parallel int i = 0; i < out.length; i++) {
            int j = i * stride + 1;
            if (j >= 0 && j < a.length) {
                out[i] = a[i * stride + 1];
            } else {
                out[i] = -1;
            }
        }
    }

    /** A 2D transpose over work-item ids, rows of n, with a loop over k: index chains from ids, scalars and a loop. */
    public static void transposeSum(KernelContext ctx, float[] a, float[] out, int n, int k) {
        int i = ctx.globalIdy, j = ctx.globalIdx;
        if (i >= n || j >= n) return;
        float s = 0f;
        for (int p = 0; p < k; p++) s += a[(p * n + j) * n + i];
        out[i * n + j] = s;
    }

    // ---- arrays used through a local alias: what the alias reads and writes counts for the parameter it names
    public static void aliasWrite(float[] a, float[] out) {
        float[] x = out;
        for (@Parallel int i = 0; i < x.length; i++) x[i] = 2 * a[i];
    }

    public static void aliasReadWrite(float[] a, float[] b, float[] out) {
        float[] src = a, dst = out;
        for (@Parallel int i = 0; i < dst.length; i++) {
            float[] other = b;   // an alias declared inside the parallel loop
            dst[i] = src[i] + other[i];
        }
    }

    public static void aliasInHelper(float[] a, float[] out) {
        for (@Parallel int i = 0; i < out.length; i++) scaleInto(out, a, i);
    }

    static void scaleInto(float[] dst, float[] src, int i) {
        float[] d = dst, s = src;
        d[i] = 3 * s[i];
    }

    public static void aliasOffHeap(uk.ac.manchester.tornado.api.types.arrays.FloatArray a, uk.ac.manchester.tornado.api.types.arrays.FloatArray out) {
        uk.ac.manchester.tornado.api.types.arrays.FloatArray x = out, y = a;
        for (@Parallel int i = 0; i < x.getSize(); i++) x.set(i, y.get(i) + 1f);
    }

    public static void aliasInContext(KernelContext ctx, int[] a, int[] out) {
        int[] x = out, y = a;
        int g = ctx.globalIdx;
        x[g] = y[g] * 5 + g;
    }

}
