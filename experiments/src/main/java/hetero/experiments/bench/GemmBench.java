package hetero.experiments.bench;

import hetero.kernels.Activation;
import hetero.kernels.GemmLaunch;
import hetero.runtime.api.ExecutionPlan;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * C = A B, square n^3, FLOPs 2 n^3. impl: the JIT's kernels (naive, tiled, blocked, strip, register) on
 * {@code device}, and the peers clblast (CLBlast SGEMM via JOCL-Blast on OpenCL platform 0,
 * device 0, i.e. opencl:0:0) and vector (Vector API, all cores; the device param does not apply).
 */
public class GemmBench extends BenchDefaults {
    @Param({"512", "1024"})
    int size;

    @Param({"naive", "tiled", "blocked", "strip", "register", "clblast", "vector"})
    String impl;

    @Param({"opencl:0:0"})
    String device;

    float[] a, b, c;
    ExecutionPlan plan;
    ClBlastSgemm clblast;

    @Setup(Level.Trial)
    public void setUp() {
        a = Plans.random((long) size * size, 1);
        b = Plans.random((long) size * size, 2);
        c = new float[size * size];
        switch (impl) {
            case "clblast" -> {
                clblast = new ClBlastSgemm(0, 0, a, b, size, size, size);
                clblast.run();   // builds CLBlast's kernels
            }
            case "vector" -> VectorGemm.multiply(a, b, c, size, size, size);
            default -> plan = Plans.build(GemmLaunch.of(GemmLaunch.Variant.valueOf(impl.toUpperCase()), a, b, null, c, size, size, size,
                    false, Activation.NONE), device);
        }
    }

    @Benchmark
    public Object gemm() {
        if (plan != null) return plan.execute();
        if (clblast != null) {
            clblast.run();
            return clblast;
        }
        VectorGemm.multiply(a, b, c, size, size, size);
        return c;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (plan != null) plan.close();
        if (clblast != null) clblast.close();
    }
}
