package hetero.runtime.tornado;

import hetero.runtime.api.DataTransferMode;
import hetero.runtime.api.Devices;
import hetero.runtime.api.ExecutionPlan;
import hetero.runtime.api.ExecutionResult;
import hetero.runtime.api.TaskGraph;
import hetero.runtime.api.TaskProfile;
import hetero.runtime.backend.Device;
import hetero.runtime.jit.KernelRef;
import hetero.runtime.kernel.HostArrays;
import hetero.runtime.kernel.WorkerGrid;
import uk.ac.manchester.tornado.api.GridScheduler;
import uk.ac.manchester.tornado.api.TornadoProfilerResult;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.exceptions.TornadoRuntimeException;
import uk.ac.manchester.tornado.api.spi.GraphDescription;
import uk.ac.manchester.tornado.api.spi.PlanExecutor;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A TornadoVM execution plan run by the project's {@link ExecutionPlan}: the graphs become the
 * project's task graphs (scalars listed in transfers are dropped: they travel as arguments), the
 * grid scheduler's grids become per-task grids, and the project's profile becomes a
 * {@link TornadoProfilerResult}. Changing the device starts a fresh plan on the new device.
 */
final class HeteroPlanExecutor implements PlanExecutor {
    private final TaskGraph[] graphs;
    private ExecutionPlan plan;
    private Device planDevice;

    HeteroPlanExecutor(List<GraphDescription> descriptions) {
        graphs = new TaskGraph[descriptions.size()];
        for (int i = 0; i < graphs.length; i++) graphs[i] = convert(descriptions.get(i));
    }

    private static TaskGraph convert(GraphDescription d) {
        TaskGraph g = new TaskGraph(d.name());
        for (GraphDescription.Transfer t : d.toDevice()) {
            if (HostArrays.isArray(t.data())) g.transferToDevice(mode(t.mode()), t.data());
        }
        for (GraphDescription.Task t : d.tasks()) {
            g.task(t.id(), KernelRef.of(t.code()), t.arguments().toArray());
        }
        for (GraphDescription.Transfer t : d.toHost()) {
            if (HostArrays.isArray(t.data())) g.transferToHost(mode(t.mode()), t.data());
        }
        return g;
    }

    private static DataTransferMode mode(int mode) {
        return switch (mode) {
            case uk.ac.manchester.tornado.api.enums.DataTransferMode.FIRST_EXECUTION -> DataTransferMode.FIRST_EXECUTION;
            case uk.ac.manchester.tornado.api.enums.DataTransferMode.EVERY_EXECUTION -> DataTransferMode.EVERY_EXECUTION;
            case uk.ac.manchester.tornado.api.enums.DataTransferMode.USER_DEFINED -> DataTransferMode.USER_DEFINED;
            default -> throw new IllegalArgumentException("unknown data transfer mode " + mode);
        };
    }

    /** The plan for this device and these grids; a new device means a new plan (its buffers live on the old device). */
    private ExecutionPlan plan(TornadoDevice device, GridScheduler grids) {
        Device d = device == null ? Devices.defaultDevice() : device(device);
        if (plan != null && !d.equals(planDevice)) close();
        if (plan == null) {
            plan = new ExecutionPlan(graphs).withDevice(d);
            planDevice = d;
        }
        // Every time: the program may have changed the scheduler's grids since the last execution.
        plan.clearGrids();
        if (grids != null) {
            for (Map.Entry<String, uk.ac.manchester.tornado.api.WorkerGrid> e : grids.getWorkerGrids().entrySet()) {
                plan.withGrid(e.getKey(), grid(e.getValue()));
            }
        }
        return plan;
    }

    private static Device device(TornadoDevice device) {
        if (device instanceof TornadoDeviceAdapter a) return a.device();
        throw new TornadoRuntimeException("device " + device + " does not come from this runtime; use TornadoExecutionPlan.getDevice(backend, device)");
    }

    private static WorkerGrid grid(uk.ac.manchester.tornado.api.WorkerGrid w) {
        long[] g = w.getGlobalWork();
        WorkerGrid out = switch (w.dimension()) {
            case 1 -> WorkerGrid.of1D(g[0]);
            case 2 -> WorkerGrid.of2D(g[0], g[1]);
            default -> WorkerGrid.of3D(g[0], g[1], g[2]);
        };
        long[] l = w.getLocalWork();
        return l == null ? out : out.local(l);
    }

    @Override
    public TornadoProfilerResult execute(TornadoDevice device, GridScheduler grids) {
        ExecutionResult r = plan(device, grids).execute();
        String log = r.tasks().stream().map(TaskProfile::toString).collect(Collectors.joining("\n"));
        long jit = r.tasks().stream().mapToLong(TaskProfile::jitNanos).sum();
        long build = r.tasks().stream().mapToLong(TaskProfile::buildNanos).sum();
        return new TornadoProfilerResult(r.wallNanos(), jit, build, r.copyInNanos(), r.copyOutNanos(), r.kernelNanos(),
                r.bytesIn(), r.bytesOut(), r.deviceBytes(), log);
    }

    @Override
    public void warmUp(TornadoDevice device, GridScheduler grids) {
        plan(device, grids).warmUp();
    }

    @Override
    public void transferToHost(Object... objects) {
        if (plan == null) throw new IllegalStateException("transferToHost before the plan has executed");
        plan.transferToHost(objects);
    }

    @Override
    public void freeDeviceMemory() {
        if (plan != null) plan.freeDeviceMemory();
    }

    @Override
    public void close() {
        if (plan != null) {
            plan.close();
            plan = null;
        }
    }
}
