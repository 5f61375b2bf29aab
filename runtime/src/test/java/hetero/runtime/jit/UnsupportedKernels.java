package hetero.runtime.jit;

import hetero.runtime.api.KernelContext;
import hetero.runtime.api.Parallel;

/** Kernels that step outside the kernel language, each in one way. */
final class UnsupportedKernels {
    static int counter;

    static void allocatesObject(float[] a) {
        StringBuilder sb = new StringBuilder();
        a[0] = sb.length();
    }

    static void allocatesArray(float[] a, int n) {
        float[] tmp = new float[(int) a[1]];
        a[0] = tmp[0];
    }

    static void throwsException(float[] a) {
        if (a[0] < 0) throw new IllegalStateException("negative");
    }

    static void catchesException(int[] a) {
        try {
            a[0] = a[1] / a[2];
        } catch (ArithmeticException e) {
            a[0] = 0;
        }
    }

    static void usesString(int[] a) {
        String s = "kernel";
        a[0] = s.length();
    }

    static void synchronizes(int[] a) {
        synchronized (UnsupportedKernels.class) {
            a[0]++;
        }
    }

    static void readsMutableStatic(int[] a) {
        a[0] = counter;
    }

    static void writesStatic(int[] a) {
        counter = a[0];
    }

    static void callsUnknownJdkMethod(double[] a) {
        a[0] = Math.random();
    }

    static int recurse(int n) {
        return n <= 1 ? 1 : n * recurse(n - 1);
    }

    static void callsRecursive(int[] a) {
        a[0] = recurse(a[1]);
    }

    static void usesLambda(int[] a) {
        Runnable r = () -> a[0] = 1;
        r.run();
    }

    static void siblingParallelLoops(float[] a, float[] b, int n) {
        for (@Parallel int i = 0; i < n; i++) a[i] = 1f;
        for (@Parallel int j = 0; j < n; j++) b[j] = a[j];
    }

    static void parallelVariableAssigned(float[] a, int n) {
        for (@Parallel int i = 0; i < n; i++) {
            a[i] = 1f;
            i += a.length;
        }
    }

    static void localArrayOfUnknownSize(KernelContext ctx, float[] a, int n) {
        float[] tile = ctx.allocateFloatLocalArray(n);
        tile[ctx.localIdx] = a[ctx.globalIdx];
        a[ctx.globalIdx] = tile[0];
    }

    static void booleanArray(boolean[] a) {
        a[0] = true;
    }

    static void returnsValue(int[] a) {
        a[0] = 1;
    }

    static int nonVoidKernel(int[] a) {
        return a[0];
    }

    static void returnInParallelBody(float[] a, float[] out) {
        for (@Parallel int i = 0; i < a.length; i++) {
            if (a[i] < 0) return;
            out[i] = 2 * a[i];
        }
    }

    static void breakInParallelBody(float[] a, float[] out) {
        for (@Parallel int i = 0; i < a.length; i++) {
            if (a[i] < 0) break;
            out[i] = 2 * a[i];
        }
    }

    static void writeAfterParallelLoop(float[] a, int[] count) {
        for (@Parallel int i = 0; i < a.length; i++) a[i] = 1f;
        count[0]++;
    }

    static void writeBeforeParallelLoop(float[] a, float[] out) {
        out[0] = 0;
        for (@Parallel int i = 0; i < a.length; i++) out[i] += a[i];
    }

    static void vectorEquality(float[] a, int[] out) {
        out[0] = uk.ac.manchester.tornado.api.types.vectors.Float4.isEqual(
                uk.ac.manchester.tornado.api.types.vectors.Float4.loadFromArray(a, 0), uk.ac.manchester.tornado.api.types.vectors.Float4.loadFromArray(a, 4)) ? 1 : 0;
    }

    static void vectorAlias(float[] a) {
        uk.ac.manchester.tornado.api.types.vectors.Float4 v = uk.ac.manchester.tornado.api.types.vectors.Float4.loadFromArray(a, 0);
        uk.ac.manchester.tornado.api.types.vectors.Float4 w = v;
        w.setX(1f);
        v.storeToArray(a, 0);
    }

    static void vectorToArray(float[] a) {
        a[0] = uk.ac.manchester.tornado.api.types.vectors.Float4.loadFromArray(a, 0).toArray()[1];
    }

    static void intVector(int[] a) {
        a[0] = new uk.ac.manchester.tornado.api.types.vectors.Int4(1, 2, 3, 4).getX();
    }

    static void vectorToHelper(float[] a) {
        a[0] = firstLane(uk.ac.manchester.tornado.api.types.vectors.Float4.loadFromArray(a, 0));
    }

    static float firstLane(uk.ac.manchester.tornado.api.types.vectors.Float4 v) {
        return v.getX();
    }

    // ---- private arrays outside the rule

    static void privateArrayOfUnfoldableSize(float[] a, int n) {
        int m = n + a.length;
        float[] tmp = new float[m];
        a[0] = tmp[0];
    }

    static void privateArrayOfUnspecializedSize(float[] a, int n) {
        float[] tmp = new float[n];
        a[0] = tmp[0];
    }

    static void privateArrayOfZeroSize(float[] a) {
        float[] tmp = new float[0];
        a[0] = tmp.length;
    }

    static void privateByteArray(int[] a) {
        byte[] tmp = new byte[4];
        a[0] = tmp[0];
    }

    static float sumOf(float[] v) {
        return v[0] + v[1];
    }

    static void privateArrayPassedToHelper(float[] a) {
        float[] tmp = new float[2];
        a[0] = sumOf(tmp);
    }

    static void privateArrayInArrayOfArrays(float[] a) {
        float[][] rows = new float[2][];
        rows[0] = new float[2];
        a[0] = rows[0][0];
    }

    static float[] makesPrivateArray() {
        return new float[4];
    }

    static void callsArrayReturningHelper(float[] a) {
        a[0] = makesPrivateArray()[0];
    }

    static void privateAllocatedBeforeParallelLoop(float[] a, float[] out) {
        float[] acc = new float[4];
        for (@Parallel int i = 0; i < a.length; i++) {
            acc[i & 3] += a[i];
            out[i] = acc[i & 3];
        }
    }

    /** Which array x names depends on a value: no single parameter to attribute its accesses to. */
    static void aliasChosenAtRunTime(float[] a, float[] b, float[] out, int pick) {
        float[] x = pick > 0 ? a : b;
        for (@Parallel int i = 0; i < out.length; i++) out[i] = x[i];
    }

    static void aliasReassignedInABranch(float[] a, float[] b, float[] out, int pick) {
        float[] x = a;
        if (pick > 0) x = b;
        for (@Parallel int i = 0; i < out.length; i++) out[i] = x[i];
    }
}
