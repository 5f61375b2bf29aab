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
 * device 0, i.e. opencl:0:0), ort (ONNX Runtime's CPU MatMul, {@link OrtPeer}, with
 * {@code ortThreads} intra-op threads, 0 = as many as {@code device} has compute units) and vector
 * (Vector API, all cores; the device param does not apply).
 */
public class GemmBench extends BenchDefaults {
    @Param({"512", "1024", "2048"})
    int size;

    @Param({"naive", "tiled", "blocked", "strip", "register", "clblast", "ort", "vector"})
    String impl;

    @Param({"opencl:0:0"})
    String device;

    @Param({"0"})
    int ortThreads;

    float[] a, b, c;
    ExecutionPlan plan;
    ClBlastSgemm clblast;
    OrtPeer ort;

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
            case "ort" -> {
                ort = OrtPeer.sgemm(a, b, size, size, size, Plans.ortThreads(ortThreads, device));
                ort.run();
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
        if (ort != null) {
            ort.run();
            return ort;
        }
        VectorGemm.multiply(a, b, c, size, size, size);
        return c;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (plan != null) plan.close();
        if (clblast != null) clblast.close();
        if (ort != null) ort.close();
    }
}
