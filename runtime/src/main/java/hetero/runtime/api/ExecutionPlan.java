package hetero.runtime.api;

import hetero.runtime.backend.Device;
import hetero.runtime.backend.DeviceSession;
import hetero.runtime.backend.KernelLaunch;
import hetero.runtime.kernel.HostArrays;
import hetero.runtime.kernel.WorkerGrid;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs task graphs on one device, as TornadoVM's TornadoExecutionPlan. The plan owns the device
 * session: buffers (one per distinct array, across all its graphs), compiled kernels and the
 * first-execution state. Close it to free device memory.
 */
public final class ExecutionPlan implements AutoCloseable {
    private final List<TaskGraph> graphs;
    private final Map<String, WorkerGrid> grids = new HashMap<>();
    private Device device;
    private DeviceSession session;
    private final Set<Object> copiedOnce = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean executed;

    public ExecutionPlan(TaskGraph... graphs) {
        if (graphs.length == 0) throw new IllegalArgumentException("an execution plan needs at least one task graph");
        this.graphs = List.of(graphs);
        Set<String> names = new java.util.HashSet<>();
        for (TaskGraph g : graphs) if (!names.add(g.name())) throw new IllegalArgumentException("two task graphs are named " + g.name());
    }

    public ExecutionPlan withDevice(Device d) {
        if (session != null) throw new IllegalStateException("the device of a plan is fixed once it has executed");
        this.device = d;
        return this;
    }

    public ExecutionPlan withDevice(String id) {
        return withDevice(Devices.get(id));
    }

    /** Sets the grid of one task, named "graph.task". */
    public ExecutionPlan withGrid(String taskId, WorkerGrid grid) {
        findTask(taskId);
        grids.put(taskId, grid);
        return this;
    }

    /** Forgets every grid set with withGrid (loop-parallel tasks derive theirs again). */
    public ExecutionPlan clearGrids() {
        grids.clear();
        return this;
    }

    public Device device() {
        if (device == null) device = Devices.defaultDevice();
        return device;
    }

    private TaskGraph.Task findTask(String fullId) {
        int dot = fullId.indexOf('.');
        if (dot < 0) throw new IllegalArgumentException("name tasks as graph.task, got '" + fullId + "'");
        String g = fullId.substring(0, dot);
        for (TaskGraph tg : graphs) if (tg.name().equals(g)) return tg.find(fullId.substring(dot + 1));
        throw new IllegalArgumentException("no task graph '" + g + "' in this plan");
    }

    private DeviceSession session() {
        if (session == null) session = Devices.backendOf(device()).open(device());
        return session;
    }

    /** Runs every graph once, in order. */
    public ExecutionResult execute() {
        long wall0 = System.nanoTime();
        DeviceSession s = session();
        List<TaskProfile> profiles = new ArrayList<>();
        long copyIn = 0, copyOut = 0, bytesIn = 0, bytesOut = 0;
        int nIn = 0, nOut = 0;
        for (TaskGraph g : graphs) {
            for (Map.Entry<Object, DataTransferMode> e : g.toDevice().entrySet()) {
                Object a = e.getKey();
                s.ensureBuffer(a);
                if (e.getValue() == DataTransferMode.EVERY_EXECUTION || copiedOnce.add(a)) {
                    copyIn += s.copyIn(a);
                    bytesIn += bytes(a);
                    nIn++;
                    copiedOnce.add(a);
                }
            }
            for (TaskGraph.Task t : g.tasks()) {
                String fullId = g.name() + "." + t.id;
                KernelLaunch launch = new KernelLaunch(fullId, t.kernel, t.args, constants(t), grids.get(fullId));
                DeviceSession.Compiled compiled = s.compile(launch);
                long taskCopy = 0;
                for (int i = 0; i < t.args.length; i++) {
                    Object a = t.args[i];
                    if (!isArray(a)) continue;
                    // First use of an undeclared array: copy it if the kernel reads it, or if it goes back
                    // to the host later (a partial write must not lose the host's other elements).
                    // Only a fresh buffer asks (the declared-transfer lookups walk every graph).
                    if (!s.ensureBuffer(a)) continue;
                    if ((compiled.readsArgument(i) || declaredToHost(a)) && !declaredToDevice(a) && copiedOnce.add(a)) {
                        long ns = s.copyIn(a);
                        taskCopy += ns;
                        copyIn += ns;
                        bytesIn += bytes(a);
                        nIn++;
                    }
                }
                long kernel = s.launch(compiled, launch);
                KernelRuns.record(device().id());
                profiles.add(new TaskProfile(fullId, compiled.cacheKey(), compiled.fromCache(), compiled.jitNanos(),
                        compiled.buildNanos(), taskCopy, kernel, compiled.indexing()));
            }
            for (Map.Entry<Object, DataTransferMode> e : g.toHost().entrySet()) {
                if (e.getValue() == DataTransferMode.USER_DEFINED) continue;
                if (e.getValue() == DataTransferMode.EVERY_EXECUTION || !executed) {
                    s.ensureBuffer(e.getKey());
                    copyOut += s.copyOut(e.getKey());
                    bytesOut += bytes(e.getKey());
                    nOut++;
                }
            }
        }
        s.finish();
        executed = true;
        return new ExecutionResult(List.copyOf(profiles), copyIn, copyOut, bytesIn, bytesOut, nIn, nOut,
                s.allocatedBytes(), s.bufferCount(), System.nanoTime() - wall0);
    }

    private boolean declaredToDevice(Object a) {
        for (TaskGraph g : graphs) if (g.toDevice().containsKey(a)) return true;
        return false;
    }

    private boolean declaredToHost(Object a) {
        for (TaskGraph g : graphs) if (g.toHost().containsKey(a)) return true;
        return false;
    }

    private static Map<Integer, Object> constants(TaskGraph.Task t) {
        Map<Integer, Object> out = new LinkedHashMap<>();
        // Scalars that size local or private arrays are folded in without being asked, as TornadoVM does.
        for (int i : t.arraySizeParams()) out.put(i, t.args[i]);
        for (int i : t.specialized) out.put(i, t.args[i]);
        return out;
    }

    static boolean isArray(Object a) {
        return HostArrays.isArray(a);
    }

    /**
     * Copies arrays back from the device now (for DataTransferMode.USER_DEFINED outputs); returns
     * the copy time in ns. Arrays the plan has never put on the device are refused.
     */
    public long transferToHost(Object... arrays) {
        if (session == null) throw new IllegalStateException("transferToHost before the plan has executed: nothing is on the device yet");
        long ns = 0;
        for (Object a : arrays) {
            if (!isArray(a)) throw new IllegalArgumentException("transferToHost takes arrays, got " + (a == null ? "null" : a.getClass().getSimpleName()));
            // hasBuffer, not ensureBuffer: a refused array must not leave a stray buffer behind.
            if (!session.hasBuffer(a)) throw new IllegalArgumentException("transferToHost: this " + a.getClass().getSimpleName() + " is not used by the plan");
            ns += session.copyOut(a);
        }
        session.finish();
        return ns;
    }

    /** Compiles every task for the plan's device without running anything. */
    public void warmUp() {
        for (TaskGraph g : graphs) {
            for (TaskGraph.Task t : g.tasks()) {
                String fullId = g.name() + "." + t.id;
                session().compile(new KernelLaunch(fullId, t.kernel, t.args, constants(t), grids.get(fullId)));
            }
        }
    }

    /** Frees the device buffers; the next execution copies everything again, as a first execution. */
    public void freeDeviceMemory() {
        copiedOnce.clear();
        executed = false;
        close();
    }

    static long bytes(Object a) {
        return HostArrays.bytes(a);
    }

    /** The device code of a task as this plan's device compiles it (compiling it if needed). */
    public String generatedCode(String taskId) {
        TaskGraph.Task t = findTask(taskId);
        return session().compile(new KernelLaunch(taskId, t.kernel, t.args, constants(t), grids.get(taskId))).source();
    }

    @Override
    public void close() {
        if (session != null) {
            DeviceSession s = session;
            session = null;   // even if a free fails: the session has let go of every buffer either way
            s.close();
        }
    }
}
