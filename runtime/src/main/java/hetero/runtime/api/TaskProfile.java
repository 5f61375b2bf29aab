package hetero.runtime.api;

/**
 * What one task cost in one execution. Times are in nanoseconds, from device events where the
 * backend has them (OpenCL profiling info, CUDA events) and host clocks on the JVM backend.
 *
 * @param jitNanos     bytecode to device source (0 when the compiled kernel came from the cache)
 * @param buildNanos   the driver's compile of that source (0 when cached)
 * @param copyInNanos  first-use copies of arrays this task needed that no transfer listed
 */
public record TaskProfile(String taskId, String cacheKey, boolean fromCache, long jitNanos, long buildNanos,
                          long copyInNanos, long kernelNanos) {
    public long compileNanos() {
        return jitNanos + buildNanos;
    }
}
