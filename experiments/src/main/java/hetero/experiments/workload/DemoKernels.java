package hetero.experiments.workload;

import uk.ac.manchester.tornado.api.annotations.Parallel;

/** The demo workload's kernel: small enough to test the whole harness without the kernel library. */
public final class DemoKernels {
    private DemoKernels() {
    }

    /** y = alpha * x + y. */
    public static void saxpy(float alpha, float[] x, float[] y, int n) {
        for (@Parallel int i = 0; i < n; i++) {
            y[i] = alpha * x[i] + y[i];
        }
    }

    /** c = a + b. */
    public static void vectorAdd(float[] a, float[] b, float[] c, int n) {
        for (@Parallel int i = 0; i < n; i++) {
            c[i] = a[i] + b[i];
        }
    }
}
