package hetero.experiments.workload;

import hetero.experiments.sweep.Config;
import hetero.runtime.api.DataTransferMode;
import hetero.runtime.api.ExecutionPlan;
import hetero.runtime.api.ExecutionResult;
import hetero.runtime.api.TaskGraph;
import hetero.runtime.backend.Device;

import java.util.SplittableRandom;

/**
 * Demo workload: {@code c = a + b} over {@code n = batch * seq * dModel} floats, inputs copied in
 * and the result copied out every iteration (so copy-in, kernel and copy-out are all non-zero).
 * FLOPs = n; bytes moved = 12 n (read a and b, write c). Variant {@code default} only.
 */
public final class VectorAddWorkload implements Workload {
    public static final String NAME = "vector-add";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "c = a + b over batch*seq*dModel floats (harness demo)";
    }

    @Override
    public String unsupported(Config c) {
        if (!c.variant().equals("default")) return NAME + " has only variant 'default', not '" + c.variant() + "'";
        long n = (long) c.batch() * c.seq() * c.dModel();
        if (n > Integer.MAX_VALUE) return "batch*seq*dModel = " + n + " elements exceeds a Java array";
        return null;
    }

    @Override
    public Trial prepare(Config c, Device device) {
        int n = c.batch() * c.seq() * c.dModel();
        SplittableRandom random = new SplittableRandom(c.seed());
        float[] a = new float[n], b = new float[n], out = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) random.nextDouble(-1, 1);
            b[i] = (float) random.nextDouble(-1, 1);
        }
        TaskGraph g = new TaskGraph("vadd")
                .transferToDevice(DataTransferMode.EVERY_EXECUTION, a, b)
                .task("add", DemoKernels::vectorAdd, a, b, out, n)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, out);
        ExecutionPlan plan = new ExecutionPlan(g).withDevice(device);
        return new Trial() {
            @Override
            public ExecutionResult run() {
                return plan.execute();
            }

            @Override
            public Costs costs() {
                return Costs.ofWork(n, 12L * n);
            }

            @Override
            public Accuracy check() {
                double[] ref = new double[n];
                for (int i = 0; i < n; i++) ref[i] = (double) a[i] + (double) b[i];
                return Accuracy.compare(out, ref, 1 << 20);
            }

            @Override
            public void close() {
                plan.close();
            }
        };
    }
}
