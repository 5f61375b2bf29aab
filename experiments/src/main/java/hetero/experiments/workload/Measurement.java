package hetero.experiments.workload;

import java.util.Arrays;
import java.util.List;

/**
 * What the harness measured for one configuration on one device. Times in nanoseconds.
 *
 * @param wallNanos    end-to-end wall time of each measured iteration (host clock around run())
 * @param compileNanos JIT + driver build of the first run (0 when every kernel came from the cache)
 * @param copyInNanos  median over measured iterations of the result's copy-in time; likewise
 *                     kernelNanos and copyOutNanos
 * @param deviceBytes  device memory the plan held after the last iteration
 */
public record Measurement(int warmups, List<Long> wallNanos, long compileNanos, long copyInNanos, long kernelNanos,
                          long copyOutNanos, long deviceBytes, Costs costs, Accuracy accuracy) implements java.io.Serializable {
    public Measurement {
        wallNanos = List.copyOf(wallNanos);
        if (wallNanos.isEmpty()) throw new IllegalArgumentException("a measurement needs at least one iteration");
    }

    public double medianNanos() {
        return percentile(50);
    }

    public double minNanos() {
        return sorted()[0];
    }

    /** Linear interpolation between closest ranks (so p50 of an even count is the mean of the middle two). */
    public double percentile(double p) {
        return percentile(java.util.Arrays.stream(sorted()).asDoubleStream().toArray(), p);
    }

    /** The same interpolation over already sorted values (reproduce recomputes the recorded percentiles with it). */
    public static double percentile(double[] sorted, double p) {
        double rank = p / 100.0 * (sorted.length - 1);
        int lo = (int) Math.floor(rank), hi = (int) Math.ceil(rank);
        return sorted[lo] + (rank - lo) * (sorted[hi] - sorted[lo]);
    }

    /** GFLOP/s = flops per iteration / median end-to-end seconds / 1e9. */
    public double gflops() {
        return costs.flops() / medianNanos();
    }

    /** GB/s = bytes moved per iteration / median end-to-end seconds / 1e9. */
    public double gbps() {
        return costs.bytesMoved() / medianNanos();
    }

    private long[] sorted() {
        long[] s = wallNanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(s);
        return s;
    }
}
