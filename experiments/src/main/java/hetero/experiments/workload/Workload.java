package hetero.experiments.workload;

import hetero.experiments.sweep.Config;
import hetero.runtime.backend.Device;

/**
 * Something a sweep can measure: an attention variant, a GEMM, an encoder layer, a decode step.
 * The harness ({@link Measurer}) owns the timing loop, so a workload only says how to set up one
 * configuration on one device; see {@link VectorAddWorkload} for a complete example. To make a new
 * workload available to sweeps, add one line to {@link Workloads}.
 */
public interface Workload {
    /** The name presets use ({@code workload = attention}). */
    String name();

    /** One line for {@code lab sweep --list-workloads}. */
    String description();

    /**
     * Why this workload cannot run this configuration (unknown variant, unsupported mask, shape it
     * does not handle), or null. The sweep records it as a {@code skipped:} row. Generic checks
     * (kvHeads divides heads, heads divides dModel) are already done by {@link Config#invalidReason()}.
     */
    default String unsupported(Config config) {
        return null;
    }

    /**
     * Allocates inputs (from {@link Config#seed()}), builds the task graph and execution plan on
     * the device. Nothing runs yet. May throw {@link OutOfMemoryError} or any exception: the
     * harness turns them into {@code skipped:} / {@code error:} rows.
     */
    Trial prepare(Config config, Device device);
}
