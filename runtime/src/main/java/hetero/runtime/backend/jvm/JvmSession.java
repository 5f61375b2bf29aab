package hetero.runtime.backend.jvm;

import hetero.runtime.backend.Device;
import hetero.runtime.backend.DeviceBuffers;
import hetero.runtime.backend.DeviceSession;
import hetero.runtime.backend.KernelLaunch;
import hetero.runtime.jit.Jit;
import hetero.runtime.kernel.HostArrays;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;

/**
 * The reference backend under the same contract as the devices: each host array has its own
 * "device" copy (made by ensureBuffer, filled by copyIn, read back by copyOut), so transfer modes
 * mean the same here as on opencl, and kernels run a copy of their bytecode in which integer
 * division by zero gives 0 ({@link DeviceBytecode}).
 */
final class JvmSession implements DeviceSession {
    private final Device device;
    private final DeviceBuffers<Object> buffers = new DeviceBuffers<>();

    JvmSession(Device device) {
        this.device = device;
    }

    @Override
    public Device device() {
        return device;
    }

    @Override
    public boolean ensureBuffer(Object array) {
        if (buffers.has(array)) return false;
        buffers.add(array, HostArrays.newLike(array), HostArrays.bytes(array));
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
        long t0 = System.nanoTime();
        HostArrays.copy(array, buffer(array));
        return System.nanoTime() - t0;
    }

    @Override
    public long copyOut(Object array) {
        long t0 = System.nanoTime();
        HostArrays.copy(buffer(array), array);
        return System.nanoTime() - t0;
    }

    record JvmCompiled(String cacheKey, MethodHandle handle, boolean usesContext, java.util.Set<Integer> reads) implements Compiled {
        public boolean readsArgument(int index) { return reads == null || reads.contains(index); }
        public long jitNanos() { return 0; }
        public long buildNanos() { return 0; }
        public boolean fromCache() { return true; }
        public String source() { return "// the jvm backend runs the kernel's own bytecode (division by zero gives 0, as on devices): " + cacheKey; }
    }

    /** Per kernel and specialization, so that executing a plan again looks nothing up. */
    private final Map<String, Compiled> compiled = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public Compiled compile(KernelLaunch launch) {
        String key = "jvm:" + launch.kernel() + launch.kernel().descriptor() + launch.constants();
        return compiled.computeIfAbsent(key, k -> load(k, launch));
    }

    private Compiled load(String key, KernelLaunch launch) {
        var m = launch.kernel().method();
        MethodHandle mh = DeviceBytecode.methodOrOriginal(launch.kernel());
        boolean ctx = KernelContextEmulator.usesContext(m);
        // The ABI tells which arrays the kernel reads, so transfer accounting matches the device backends;
        // a kernel outside the kernel language still runs here (it is plain Java), counted as reading everything.
        java.util.Set<Integer> reads;
        try {
            reads = Jit.abi(launch.kernel(), launch.constants()).reads();
        } catch (RuntimeException e) {
            reads = null;
        }
        return new JvmCompiled(key, mh.asSpreader(Object[].class, m.getParameterCount()), ctx, reads);
    }

    @Override
    public long launch(Compiled kernel, KernelLaunch hostLaunch) {
        JvmCompiled c = (JvmCompiled) kernel;
        Object[] args = hostLaunch.args().clone();
        for (int i = 0; i < args.length; i++) if (args[i] != null && HostArrays.isArray(args[i])) args[i] = buffer(args[i]);
        KernelLaunch launch = new KernelLaunch(hostLaunch.taskId(), hostLaunch.kernel(), args, hostLaunch.constants(), hostLaunch.grid());
        long t0 = System.nanoTime();
        if (c.usesContext()) {
            if (launch.grid() == null) {
                throw new IllegalArgumentException("task " + launch.taskId() + " is a KernelContext kernel: give it a grid with plan.withGrid(\""
                        + launch.taskId() + "\", WorkerGrid.of1D(n).local(...))");
            }
            KernelContextEmulator.run(launch, c.handle());
        } else {
            try {
                c.handle().invoke(launch.args());
            } catch (RuntimeException | Error e) {
                throw new KernelFailedException(launch.taskId(), e);
            } catch (Throwable t) {
                throw new KernelFailedException(launch.taskId(), t instanceof InvocationTargetException i ? i.getCause() : t);
            }
        }
        return System.nanoTime() - t0;
    }

    @Override
    public void finish() {
    }

    @Override
    public long allocatedBytes() {
        return buffers.heldBytes();
    }

    @Override
    public int bufferCount() {
        return buffers.count();
    }

    @Override
    public void close() {
        buffers.freeAll(copy -> { });   // the garbage collector frees the copies
    }
}
