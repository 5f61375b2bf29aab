package hetero.experiments.bench;

import hetero.kernels.SoftmaxLaunch;
import hetero.runtime.api.ExecutionPlan;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Row-wise softmax of a rows x cols matrix. Memory-bound: bytes 8 rows cols (each element read
 * once and written once, the minimum; the three-pass variants read each row more than once, which
 * is exactly what the online variant saves). impl: ROW_PER_ITEM (three passes, one work-item per
 * row), ROW_PER_GROUP (local-memory reductions), ONLINE (max and sum in one pass).
 */
public class SoftmaxBench extends BenchDefaults {
    @Param({"4096"})
    int rows;

    @Param({"1024"})
    int cols;

    @Param({"ROW_PER_ITEM", "ROW_PER_GROUP", "ONLINE"})
    String impl;

    @Param({"opencl:0:0"})
    String device;

    ExecutionPlan plan;

    @Setup(Level.Trial)
    public void setUp() {
        float[] x = Plans.random((long) rows * cols, 1), out = new float[rows * cols];
        plan = Plans.build(SoftmaxLaunch.of(SoftmaxLaunch.Variant.valueOf(impl), x, out, rows, cols), device);
    }

    @Benchmark
    public Object softmax() {
        return plan.execute();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        plan.close();
    }
}
