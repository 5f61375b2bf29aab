package hetero.experiments.bench;

import hetero.kernels.Activation;
import hetero.kernels.FeedForwardLaunch;
import hetero.runtime.api.ExecutionPlan;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Feed-forward block out = act(x W1 + b1) W2 + b2, GELU (erf). FLOPs 4 rows dModel dFF (two
 * GEMMs; bias and activation not counted). impl: UNFUSED (GEMM, bias+act pass, GEMM),
 * FUSED_NAIVE / FUSED_TILED (bias+act in the first GEMM's epilogue).
 */
public class FeedForwardBench extends BenchDefaults {
    @Param({"512"})
    int rows;

    @Param({"512"})
    int dModel;

    @Param({"2048"})
    int dFF;

    @Param({"UNFUSED", "FUSED_NAIVE", "FUSED_TILED"})
    String impl;

    @Param({"opencl:0:0"})
    String device;

    ExecutionPlan plan;

    @Setup(Level.Trial)
    public void setUp() {
        float[] x = Plans.random((long) rows * dModel, 1), w1 = Plans.random((long) dModel * dFF, 2), b1 = Plans.random(dFF, 3);
        float[] w2 = Plans.random((long) dFF * dModel, 4), b2 = Plans.random(dModel, 5);
        float[] hidden = new float[rows * dFF], out = new float[rows * dModel];
        plan = Plans.build(FeedForwardLaunch.of(FeedForwardLaunch.Variant.valueOf(impl), x, w1, b1, w2, b2, hidden, out,
                rows, dModel, dFF, Activation.GELU_ERF), device);
    }

    @Benchmark
    public Object feedForward() {
        return plan.execute();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        plan.close();
    }
}
