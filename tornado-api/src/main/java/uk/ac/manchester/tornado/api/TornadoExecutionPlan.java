package uk.ac.manchester.tornado.api;

import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.enums.ProfilerMode;
import uk.ac.manchester.tornado.api.exceptions.TornadoRuntimeException;
import uk.ac.manchester.tornado.api.spi.GraphDescription;
import uk.ac.manchester.tornado.api.spi.PlanExecutor;
import uk.ac.manchester.tornado.api.spi.TornadoRuntimeService;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Runs immutable task graphs on a device:
 * <pre>
 * try (TornadoExecutionPlan plan = new TornadoExecutionPlan(tg.snapshot())) {
 *     TornadoExecutionResult r = plan.withDevice(TornadoExecutionPlan.getDevice(0, 0)).execute();
 * }
 * </pre>
 * The plan keeps the device copies of its data between executions (that is what FIRST_EXECUTION
 * relies on); close it to free them.
 */
public class TornadoExecutionPlan implements AutoCloseable {
    private static volatile TornadoRuntimeService runtime;

    private final List<GraphDescription> graphs = new ArrayList<>();
    private PlanExecutor executor;
    private TornadoDevice device;
    private GridScheduler grids;
    private ProfilerMode profilerMode;

    public TornadoExecutionPlan(ImmutableTaskGraph... immutableTaskGraphs) {
        if (immutableTaskGraphs.length == 0) throw new IllegalArgumentException("an execution plan needs at least one task graph");
        Set<String> names = new HashSet<>();
        for (ImmutableTaskGraph g : immutableTaskGraphs) {
            if (!names.add(g.getTaskGraphName())) throw new IllegalArgumentException("two task graphs are named " + g.getTaskGraphName());
            graphs.add(g.description());
        }
    }

    /** The runtime found through {@link ServiceLoader}; fails clearly when none is on the class path. */
    static TornadoRuntimeService runtime() {
        TornadoRuntimeService r = runtime;
        if (r == null) {
            r = ServiceLoader.load(TornadoRuntimeService.class).findFirst().orElseThrow(() -> new TornadoRuntimeException(
                    "no runtime implements the TornadoVM API on the class path (looked for " + TornadoRuntimeService.class.getName() + " services)"));
            runtime = r;
        }
        return r;
    }

    /** Device {@code deviceIndex} of backend {@code backendIndex}; (0, 0) is the default device. */
    public static TornadoDevice getDevice(int backendIndex, int deviceIndex) {
        List<List<TornadoDevice>> backends = runtime().backends();
        if (backendIndex < 0 || backendIndex >= backends.size()) {
            throw new TornadoRuntimeException("no backend " + backendIndex + "; there are " + backends.size() + ": " + backends);
        }
        List<TornadoDevice> devices = backends.get(backendIndex);
        if (deviceIndex < 0 || deviceIndex >= devices.size()) {
            throw new TornadoRuntimeException("backend " + backendIndex + " has no device " + deviceIndex + "; it has " + devices);
        }
        return devices.get(deviceIndex);
    }

    private PlanExecutor executor() {
        if (executor == null) executor = runtime().open(graphs);
        return executor;
    }

    /** Runs every graph once, in order. */
    public TornadoExecutionResult execute() {
        TornadoProfilerResult profile = executor().execute(device, grids);
        if (profilerMode == ProfilerMode.CONSOLE) profile.dumpProfiles();
        return new TornadoExecutionResult(profile, executor());
    }

    public TornadoExecutionPlan withDevice(TornadoDevice device) {
        if (device == null) throw new IllegalArgumentException("withDevice was given null");
        this.device = device;
        return this;
    }

    public TornadoExecutionPlan withGridScheduler(GridScheduler gridScheduler) {
        this.grids = gridScheduler;
        return this;
    }

    /** Forgets the grid scheduler: loop-parallel tasks get grids derived from their loops again. */
    public TornadoExecutionPlan withDefaultScheduler() {
        this.grids = null;
        return this;
    }

    /** With CONSOLE the profile is printed after each execution; it is always in the result. */
    public TornadoExecutionPlan withProfiler(ProfilerMode mode) {
        this.profilerMode = mode;
        return this;
    }

    public TornadoExecutionPlan withoutProfiler() {
        this.profilerMode = null;
        return this;
    }

    /** Compiles every task for the plan's device now, so the first execute() does not. */
    public TornadoExecutionPlan withWarmUp() {
        executor().warmUp(device, grids);
        return this;
    }

    /** Frees the device copies of the plan's data; the next execution copies them again. */
    public TornadoExecutionPlan freeDeviceMemory() {
        if (executor != null) executor.freeDeviceMemory();
        return this;
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.close();
            executor = null;
        }
    }
}
