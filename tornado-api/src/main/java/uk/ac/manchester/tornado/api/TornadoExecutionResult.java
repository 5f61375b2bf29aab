package uk.ac.manchester.tornado.api;

import uk.ac.manchester.tornado.api.spi.PlanExecutor;

/** What one {@code execute()} returns: its profile, and the way to fetch USER_DEFINED outputs. */
public class TornadoExecutionResult {
    private final TornadoProfilerResult profile;
    private final PlanExecutor executor;

    TornadoExecutionResult(TornadoProfilerResult profile, PlanExecutor executor) {
        this.profile = profile;
        this.executor = executor;
    }

    public TornadoProfilerResult getProfilerResult() {
        return profile;
    }

    /** Copies these objects back from the device now (those transferred with DataTransferMode.USER_DEFINED). */
    public TornadoExecutionResult transferToHost(Object... objects) {
        executor.transferToHost(objects);
        return this;
    }

    /** Executions are synchronous here: the results are always ready when execute() returns. */
    public boolean isReady() {
        return true;
    }
}
