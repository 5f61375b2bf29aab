package hetero.runtime.backend.jvm;

import hetero.runtime.backend.Device;
import hetero.runtime.backend.DeviceSession;
import hetero.runtime.backend.KernelLaunch;
import hetero.runtime.jit.Jit;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.InvocationTargetException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/** On the JVM the host arrays are the device buffers: copies are free and results land in place. */
final class JvmSession implements DeviceSession {
    private final Device device;
    private final Set<Object> buffers = Collections.newSetFromMap(new IdentityHashMap<>());
    private long bytes;

    JvmSession(Device device) {
        this.device = device;
    }

    @Override
    public Device device() {
        return device;
    }

    @Override
    public boolean ensureBuffer(Object array) {
        if (!buffers.add(array)) return false;
        bytes += hetero.runtime.backend.HostArrays.bytes(array);
        return true;
    }

    @Override
    public long copyIn(Object array) {
        return 0;
    }

    @Override
    public long copyOut(Object array) {
        return 0;
    }

    record JvmCompiled(String cacheKey, MethodHandle handle, boolean usesContext, java.util.Set<Integer> reads) implements Compiled {
        public boolean readsArgument(int index) { return reads == null || reads.contains(index); }
        public long jitNanos() { return 0; }
        public long buildNanos() { return 0; }
        public boolean fromCache() { return true; }
        public String source() { return "// the jvm backend runs the kernel's own bytecode: " + cacheKey; }
    }

    @Override
    public Compiled compile(KernelLaunch launch) {
        try {
            var m = launch.kernel().method();
            m.setAccessible(true);
            MethodHandle mh = MethodHandles.lookup().unreflect(m);
            boolean ctx = KernelContextEmulator.usesContext(m);
            // The IR tells which arrays the kernel reads, so transfer accounting matches the device backends;
            // a kernel outside the kernel language still runs here (it is plain Java), counted as reading everything.
            java.util.Set<Integer> reads;
            try {
                reads = Jit.abi(launch.kernel(), launch.constants()).reads();
            } catch (RuntimeException e) {
                reads = null;
            }
            return new JvmCompiled("jvm:" + launch.kernel(), mh.asSpreader(Object[].class, m.getParameterCount()), ctx, reads);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call kernel " + launch.kernel(), e);
        }
    }

    @Override
    public long launch(Compiled kernel, KernelLaunch launch) {
        JvmCompiled c = (JvmCompiled) kernel;
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
        return bytes;
    }

    @Override
    public int bufferCount() {
        return buffers.size();
    }

    @Override
    public void close() {
        buffers.clear();
        bytes = 0;
    }
}
