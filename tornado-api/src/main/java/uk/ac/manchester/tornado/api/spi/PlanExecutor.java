package uk.ac.manchester.tornado.api.spi;

import uk.ac.manchester.tornado.api.GridScheduler;
import uk.ac.manchester.tornado.api.TornadoProfilerResult;
import uk.ac.manchester.tornado.api.common.TornadoDevice;

/** The runtime's side of one execution plan: it owns the device memory of the plan's data. */
public interface PlanExecutor extends AutoCloseable {
    /**
     * Runs every graph once, in order, on {@code device} (null: the default device), with the grids
     * of {@code grids} (null: derived from the kernels' parallel loops).
     */
    TornadoProfilerResult execute(TornadoDevice device, GridScheduler grids);

    /** Compiles every task for the device without running it. */
    void warmUp(TornadoDevice device, GridScheduler grids);

    /** Copies these objects back from the device now (for USER_DEFINED transfers). */
    void transferToHost(Object... objects);

    /** Frees the plan's device buffers; the next execution copies everything again. */
    void freeDeviceMemory();

    @Override
    void close();
}
