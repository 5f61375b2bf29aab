package hetero.experiments.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * The CPU's fp32 peak: {@link FmaPeak} on 1 thread and on all cores. One operation is
 * {@code iterations} steps of 12 vector FMA chains per thread; GFLOP/s =
 * {@link FmaPeak#flops}(threads, iterations) / time.
 */
public class FmaPeakBench extends BenchDefaults {
    @Param({"1", "2"})
    int threads;

    @Param({"10000000"})
    long iterations;

    @Benchmark
    public float fma() throws InterruptedException {
        return FmaPeak.run(threads, iterations);
    }
}
