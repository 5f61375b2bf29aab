package hetero.runtime.backend;

import hetero.runtime.jit.KernelSource;
import hetero.runtime.jit.Target;
import hetero.runtime.kernel.WorkerGrid;

/**
 * What one device's native API must do for the runtime, and nothing more: allocate, copy, load a
 * module, launch, and time with device events. Argument marshalling, buffers by array identity,
 * the compile cache and transfer bookkeeping live once, in {@link DriverSession}. A new backend is
 * one {@link Target} (the code) and one Driver (the API), listed by a {@link Backend}.
 */
public interface Driver {
    Device device();

    /** What the JIT emits for this device; {@code lab kernels --dump} compiles through the same Target. */
    Target target();

    /** A device buffer of at least this many bytes; throws {@link DeviceOutOfMemoryException} when the device is full. */
    Object allocate(long bytes);

    /**
     * A buffer for this host array: by default a device allocation; a driver that can work in the
     * array's own memory (TornadoVM's off-heap arrays) may return a buffer over it instead.
     */
    default Object allocateFor(Object hostArray, long bytes) {
        return allocate(bytes);
    }

    void free(Object buffer);

    /** Host array to buffer; returns the device-event time in ns. */
    long copyIn(Object buffer, Object hostArray, long bytes);

    /** Buffer to host array; returns the device-event time in ns. */
    long copyOut(Object buffer, Object hostArray, long bytes);

    /** The module built for this cache key before, or null. */
    Module cached(String cacheKey);

    /** Builds (driver compile and load) the JIT's output; throws {@link KernelBuildException} with the driver's log. */
    Module load(String cacheKey, KernelSource source);

    /**
     * Runs a module's kernel; returns the device-event time in ns.
     *
     * @param args one per {@code source().abi().args()}: a buffer from {@link #allocate}, or an Integer,
     *             Long, Float or Double
     */
    long launch(Module module, Object[] args, WorkerGrid grid, String taskId);

    /** Waits for all queued work. */
    void finish();

    /** A loaded kernel: the source it came from and what the driver's build cost. */
    interface Module {
        String cacheKey();

        KernelSource source();

        long buildNanos();
    }
}
