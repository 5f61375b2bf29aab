package hetero.experiments.workload;

/**
 * What one iteration does, as the workload counts it (formulas belong in the workload's javadoc).
 * Use {@link #NOT_APPLICABLE} for columns that mean nothing for a workload (no weights, no KV
 * cache): they are written as empty cells, not as zero.
 *
 * @param flops        floating-point operations per iteration (an FMA counts 2)
 * @param bytesMoved   bytes a minimal implementation must read + write from memory per iteration
 * @param uniqueParams distinct parameters (shared blocks counted once)
 * @param weightBytes  bytes of those parameters
 * @param kvCacheBytes bytes of the KV cache (decode workloads)
 */
public record Costs(long flops, long bytesMoved, long uniqueParams, long weightBytes, long kvCacheBytes) implements java.io.Serializable {
    public static final long NOT_APPLICABLE = -1;

    public static Costs ofWork(long flops, long bytesMoved) {
        return new Costs(flops, bytesMoved, NOT_APPLICABLE, NOT_APPLICABLE, NOT_APPLICABLE);
    }
}
