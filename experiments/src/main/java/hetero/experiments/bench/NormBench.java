package hetero.experiments.bench;

import hetero.kernels.Launch;
import hetero.kernels.NormLaunch;
import hetero.runtime.api.ExecutionPlan;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * LayerNorm / RMSNorm over rows x cols, ROW (one work-item per row) or GROUP (one work-group per
 * row), and the fused residual + LayerNorm. Memory-bound: bytes 8 rows cols for the norms (x read,
 * out written; gamma/beta are cols-sized and ignored), 16 rows cols for residual + LayerNorm
 * (x and residual read, sum and out written).
 */
public class NormBench extends BenchDefaults {
    @Param({"4096"})
    int rows;

    @Param({"1024"})
    int cols;

    @Param({"layerNorm_ROW", "layerNorm_GROUP", "rmsNorm_ROW", "rmsNorm_GROUP", "residualLayerNorm_GROUP"})
    String impl;

    @Param({"opencl:0:0"})
    String device;

    ExecutionPlan plan;

    @Setup(Level.Trial)
    public void setUp() {
        int n = rows * cols;
        float[] x = Plans.random(n, 1), residual = Plans.random(n, 2), gamma = Plans.random(cols, 3), beta = Plans.random(cols, 4);
        float[] sum = new float[n], out = new float[n];
        String[] parts = impl.split("_");
        NormLaunch.Variant v = NormLaunch.Variant.valueOf(parts[1]);
        Launch l = switch (parts[0]) {
            case "layerNorm" -> NormLaunch.layerNorm(v, x, gamma, beta, out, rows, cols, 1e-5f);
            case "rmsNorm" -> NormLaunch.rmsNorm(v, x, gamma, out, rows, cols, 1e-5f);
            case "residualLayerNorm" -> NormLaunch.residualLayerNorm(v, x, residual, gamma, beta, sum, out, rows, cols, 1e-5f);
            default -> throw new IllegalArgumentException("unknown impl " + impl);
        };
        plan = Plans.build(l, device);
    }

    @Benchmark
    public Object norm() {
        return plan.execute();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        plan.close();
    }
}
