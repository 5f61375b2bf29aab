package hetero.experiments.workload;

import hetero.runtime.api.ExecutionResult;

/** One prepared configuration on one device: run it, then check it. Closing frees the device memory. */
public interface Trial extends AutoCloseable {
    /** One end-to-end iteration (usually {@code plan.execute()}); the harness times it. */
    ExecutionResult run();

    /** Work and memory of one iteration: the numbers behind GFLOP/s, GB/s and the memory columns. */
    Costs costs();

    /** Compares the outputs of the last {@link #run()} with a float64 reference. */
    Accuracy check();

    @Override
    void close();
}
