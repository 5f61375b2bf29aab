package hetero.runtime.backend.jvm;

import hetero.runtime.api.KernelContext;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** KernelContext kernels that only a correct work-group emulation runs right (see KernelContextEmulatorTest). */
public final class EmulatorKernels {
    /** Names of the threads that ran {@link #rotateRecordingThreads}. */
    static final Set<String> THREADS = ConcurrentHashMap.newKeySet();

    private EmulatorKernels() {
    }

    /**
     * Each item puts its global id in local memory, then {@code rounds} times takes its right
     * neighbour's value (cyclically in the group): right only if every barrier orders the group.
     * Expected: out[gid] = group base + (lid + rounds) % local size.
     */
    public static void rotate(KernelContext ctx, int[] out, int rounds) {
        int[] buf = ctx.allocateIntLocalArray(64);
        int lid = ctx.localIdx;
        int n = ctx.localGroupSizeX;
        buf[lid] = ctx.globalIdx;
        for (int r = 0; r < rounds; r++) {
            ctx.localBarrier();
            int v = buf[(lid + 1) % n];
            ctx.localBarrier();
            buf[lid] = v;
        }
        out[ctx.globalIdx] = buf[lid];
    }

    /** {@link #rotate} that also records which thread ran it (plain Java, outside the kernel language). */
    public static void rotateRecordingThreads(KernelContext ctx, int[] out, int rounds) {
        THREADS.add(Thread.currentThread().getName() + (Thread.currentThread().isVirtual() ? " (virtual)" : ""));
        rotate(ctx, out, rounds);
    }

    /**
     * Two local arrays per group, summed through helpers with barriers inside (which the splitter
     * inlines): out[2 g] = n (g + 1) and out[2 g + 1] = 0 + 1 + ... + (n - 1). Locals of the
     * caller (scale, lid, group) must survive the helpers' barriers.
     */
    public static void groupTotals(KernelContext ctx, int[] out) {
        int[] a = ctx.allocateIntLocalArray(64);
        float[] b = ctx.allocateFloatLocalArray(64);
        int lid = ctx.localIdx;
        int group = ctx.groupIdx;
        long scale = 3L;
        double half = 0.5;
        int sumA = sum(ctx, a, lid, group + 1);
        float sumB = sum(ctx, b, lid, lid);
        if (lid == 0) {
            out[2 * group] = (int) (sumA * scale / 3L);
            out[2 * group + 1] = (int) (sumB * half * 2.0);
        }
    }

    static int sum(KernelContext ctx, int[] buf, int lid, int value) {
        buf[lid] = value;
        ctx.localBarrier();
        int total = 0;
        for (int i = 0; i < ctx.localGroupSizeX; i++) total += buf[i];
        ctx.localBarrier();   // before anyone overwrites buf again
        return total;
    }

    static float sum(KernelContext ctx, float[] buf, int lid, float value) {
        buf[lid] = value;
        ctx.localBarrier();
        float total = 0;
        for (int i = 0; i < ctx.localGroupSizeX; i++) total += buf[i];
        ctx.localBarrier();
        return total;
    }

    /** No barrier (the emulator's loop mode): records which local array each item was given. */
    public static void localArrayIdentity(KernelContext ctx, int[] out) {
        float[] scratch = ctx.allocateFloatLocalArray(16);
        out[ctx.globalIdx] = System.identityHashCode(scratch);
    }

    /** Item 3 of every group returns before the barrier the others wait at: a divergent barrier. */
    public static void earlyExit(KernelContext ctx, int[] out) {
        if (ctx.localIdx == 3) return;
        ctx.localBarrier();
        out[ctx.globalIdx] = 1;
    }

    /** Whole groups (the odd ones) return early, and items leave after the last barrier: both well defined. */
    public static void uniformExit(KernelContext ctx, int[] out) {
        if (ctx.groupIdx % 2 == 1) return;
        int[] buf = ctx.allocateIntLocalArray(64);
        buf[ctx.localIdx] = ctx.localIdx;
        ctx.localBarrier();
        if (ctx.localIdx % 2 == 1) return;
        out[ctx.globalIdx] = buf[ctx.localGroupSizeX - 1 - ctx.localIdx];
    }

    /** The first two items wait at one barrier, the rest at another: divergent. */
    public static void differentBarriers(KernelContext ctx, int[] out) {
        if (ctx.localIdx < 2) {
            ctx.localBarrier();
        } else {
            ctx.localBarrier();
        }
        out[ctx.globalIdx] = 1;
    }

    /**
     * {@link #rotate} with an exception handler, which the splitter does not handle: it runs with
     * a thread per work-item (the fallback) and must give the same result.
     */
    public static void rotateWithHandler(KernelContext ctx, int[] out, int rounds) {
        try {
            rotate(ctx, out, rounds);
        } catch (ArithmeticException e) {
            out[ctx.globalIdx] = -1;
        }
    }

    /**
     * A barrier helper called with values already on the operand stack (the array and index of
     * the store): the split code could not keep them across the barrier, so this falls back.
     */
    public static void storeHelperResult(KernelContext ctx, int[] out) {
        int[] buf = ctx.allocateIntLocalArray(64);
        out[ctx.globalIdx] = sum(ctx, buf, ctx.localIdx, ctx.localIdx + 1);
    }

    /**
     * The device contract in a split kernel: x / 0 and x % 0 give 0, in the kernel and in a
     * helper without barriers. out[gid] = (a / b of the right neighbour) + a % b (in a helper) + (long) a / b.
     */
    public static void divisionAcrossBarrier(KernelContext ctx, int[] a, int[] b, int[] out) {
        int[] buf = ctx.allocateIntLocalArray(64);
        int lid = ctx.localIdx, gid = ctx.globalIdx;
        buf[lid] = a[gid] / b[gid];
        ctx.localBarrier();
        out[gid] = buf[(lid + 1) % ctx.localGroupSizeX] + rem(a[gid], b[gid]) + (int) ((long) a[gid] / (long) b[gid]);
    }

    static int rem(int x, int y) {
        return x % y;
    }

    /** {@link #earlyExit} in the fallback: still an error, never a hang. */
    public static void earlyExitWithHandler(KernelContext ctx, int[] out) {
        try {
            earlyExit(ctx, out);
        } catch (ArithmeticException e) {
            out[ctx.globalIdx] = -1;
        }
    }
}
