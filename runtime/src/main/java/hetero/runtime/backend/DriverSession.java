package hetero.runtime.backend;

import hetero.runtime.jit.GridPlanner;
import hetero.runtime.jit.IndexCheck;
import hetero.runtime.jit.Indexing;
import hetero.runtime.jit.Jit;
import hetero.runtime.jit.KernelAbi;
import hetero.runtime.jit.KernelSource;
import hetero.runtime.kernel.HostArrays;
import hetero.runtime.kernel.WorkerGrid;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one session class of every device backend: device buffers keyed by array identity (one Java
 * array is one buffer however many tasks use it), compile caching, and argument marshalling from
 * the kernel's ABI. The {@link Driver} underneath only talks to the native API.
 */
public final class DriverSession implements DeviceSession {
    private final Driver driver;
    private final DeviceBuffers<Object> buffers = new DeviceBuffers<>();
    private final Map<String, IndexingFacts> indexing = new HashMap<>();

    public DriverSession(Driver driver) {
        this.driver = driver;
    }

    @Override
    public Device device() {
        return driver.device();
    }

    @Override
    public boolean ensureBuffer(Object array) {
        if (buffers.has(array)) return false;
        long size = Math.max(4, HostArrays.bytes(array));
        Object buffer;
        try {
            buffer = driver.allocateFor(array, size);
        } catch (DeviceOutOfMemoryException e) {
            throw e.withHeldBytes(buffers.heldBytes());   // the driver does not know what this session holds
        }
        buffers.add(array, buffer, size);
        return true;
    }

    @Override
    public boolean hasBuffer(Object array) {
        return buffers.has(array);
    }

    private Object buffer(Object array) {
        return buffers.get(array);
    }

    @Override
    public long copyIn(Object array) {
        long n = HostArrays.bytes(array);
        return n == 0 ? 0 : driver.copyIn(buffer(array), array, n);
    }

    @Override
    public long copyOut(Object array) {
        long n = HostArrays.bytes(array);
        return n == 0 ? 0 : driver.copyOut(buffer(array), array, n);
    }

    @Override
    public Compiled compile(KernelLaunch launch) {
        boolean noAlias = distinctArrays(launch.args());
        String base = launch.kernel().qualifiedName() + launch.kernel().descriptor() + launch.constants() + (noAlias ? "|restrict" : "");
        IndexCheck.Verdict verdict = indexing(base, launch);
        Indexing indexing = verdict.indexing();
        String key = base + (indexing == Indexing.EXACT ? "" : "|" + indexing.spelling()) + "@" + driver.device().id();
        Driver.Module m = driver.cached(key);
        if (m != null) return compiled(m, true, verdict);
        KernelSource src = Jit.compile(launch.kernel(), launch.constants(), noAlias, driver.target(), indexing);
        return compiled(driver.load(key, src), false, verdict);
    }

    /** What one kernel and specialization needs to pick its indexing variant per launch; built once. */
    private record IndexingFacts(IndexCheck check, GridPlanner.Plan grid) {}

    /**
     * The overflow-free variant where the kernel's index check holds for this launch's scalars, array
     * lengths and grid; the exact one otherwise, for a kernel with no index arithmetic to widen, or with
     * {@code -Dhetero.indexing=exact}.
     */
    private IndexCheck.Verdict indexing(String base, KernelLaunch launch) {
        // -Dhetero.indexing=exact runs every kernel exact, for comparisons (read per launch: a benchmark may alternate)
        if ("exact".equals(System.getProperty("hetero.indexing"))) return new IndexCheck.Verdict(Indexing.EXACT, "-Dhetero.indexing=exact");
        IndexingFacts facts = indexing.computeIfAbsent(base, k -> new IndexingFacts(
                Jit.indexCheck(launch.kernel(), launch.constants(), driver.target()), Jit.abi(launch.kernel(), launch.constants()).grid()));
        if (facts.check().indexCount() == 0) return new IndexCheck.Verdict(Indexing.EXACT, "no index arithmetic to widen");
        WorkerGrid grid;
        try {
            grid = GridPlanner.grid(facts.grid(), launch.grid(), launch.args(), launch.taskId());
        } catch (IllegalArgumentException noGrid) {
            return new IndexCheck.Verdict(Indexing.EXACT, "no grid");   // the launch itself reports it
        }
        return facts.check().evaluate(IndexCheck.Launch.of(launch.args(), grid));
    }

    private static boolean distinctArrays(Object[] args) {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Object a : args) if (a != null && HostArrays.isArray(a) && !seen.add(a)) return false;
        return true;
    }

    private record CompiledModule(Driver.Module module, boolean fromCache, IndexCheck.Verdict verdict) implements Compiled {
        public String cacheKey() { return module.cacheKey(); }
        public long jitNanos() { return fromCache ? 0 : module.source().jitNanos(); }
        public long buildNanos() { return fromCache ? 0 : module.buildNanos(); }
        public String source() { return module.source().text(); }
        public boolean readsArgument(int index) { return module.source().abi().reads(index); }
        public Indexing indexing() { return verdict.indexing(); }
    }

    private static Compiled compiled(Driver.Module m, boolean fromCache, IndexCheck.Verdict verdict) {
        return new CompiledModule(m, fromCache, verdict);
    }

    @Override
    public long launch(Compiled kernel, KernelLaunch launch) {
        Driver.Module m = ((CompiledModule) kernel).module();
        KernelAbi abi = m.source().abi();
        Object[] java = launch.args();
        List<Object> args = new ArrayList<>(abi.args().size());
        for (KernelAbi.Arg a : abi.args()) {
            Object v = java[a.javaIndex()];
            args.add(switch (a.kind()) {
                case BUFFER -> buffer(v);
                case LENGTH -> HostArrays.length(v);
                case SCALAR -> scalar(a, v);
            });
        }
        WorkerGrid grid = GridPlanner.grid(abi.grid(), launch.grid(), java, launch.taskId());
        try {
            return driver.launch(m, args.toArray(), grid, launch.taskId());
        } catch (DeviceOutOfMemoryException e) {
            throw e.withHeldBytes(buffers.heldBytes());
        }
    }

    /** A Java scalar as its device type: boolean and char are ints, as in the IR. */
    private static Object scalar(KernelAbi.Arg a, Object v) {
        Number n = switch (v) {
            case Boolean b -> b ? 1 : 0;
            case Character c -> (int) c;
            default -> (Number) v;
        };
        return switch (a.type()) {
            case INT -> n.intValue();
            case LONG -> n.longValue();
            case FLOAT -> n.floatValue();
            case DOUBLE -> n.doubleValue();
            default -> throw new IllegalStateException("scalar of type " + a.type());
        };
    }

    @Override
    public void finish() {
        driver.finish();
    }

    @Override
    public long allocatedBytes() {
        return buffers.heldBytes();
    }

    @Override
    public int bufferCount() {
        return buffers.count();
    }

    /**
     * Frees every buffer even when a free fails (the first failure is thrown, the others suppressed in it).
     * Compiled modules are not the session's: they live in the device's process-wide cache, for other plans.
     */
    @Override
    public void close() {
        buffers.freeAll(driver::free);
    }
}
