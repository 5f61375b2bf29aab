package hetero.runtime.api;

/**
 * What one task cost in one execution. Times are in nanoseconds, from device events where the
 * backend has them (OpenCL profiling info, CUDA events) and host clocks on the JVM backend.
 *
 * @param jitNanos     bytecode to device source (0 when the compiled kernel came from the cache)
 * @param buildNanos   the driver's compile of that source (0 when cached)
 * @param copyInNanos  first-use copies of arrays this task needed that no transfer listed
 * @param indexing     the indexing variant that ran (overflow-free where the launch check proved no index wraps)
 */
public record TaskProfile(String taskId, String cacheKey, boolean fromCache, long jitNanos, long buildNanos,
                          long copyInNanos, long kernelNanos, hetero.runtime.jit.Indexing indexing) {
    public TaskProfile(String taskId, String cacheKey, boolean fromCache, long jitNanos, long buildNanos, long copyInNanos, long kernelNanos) {
        this(taskId, cacheKey, fromCache, jitNanos, buildNanos, copyInNanos, kernelNanos, hetero.runtime.jit.Indexing.EXACT);
    }

    public long compileNanos() {
        return jitNanos + buildNanos;
    }
}
