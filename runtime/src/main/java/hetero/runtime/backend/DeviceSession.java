package hetero.runtime.backend;

/**
 * Device memory and compiled kernels for one device. Buffers are keyed by array identity: one Java
 * array is one device buffer, however many tasks use it.
 */
public interface DeviceSession extends AutoCloseable {
    Device device();

    /** Allocates the array's device buffer if it has none; returns true if it was allocated now. */
    boolean ensureBuffer(Object array);

    /** Whether the array has a device buffer already (allocates nothing). */
    boolean hasBuffer(Object array);

    /** Host to device; returns the transfer time in ns (device events where the backend has them). */
    long copyIn(Object array);

    /** Device to host; returns the transfer time in ns. */
    long copyOut(Object array);

    /** Compiles (or finds in the cache) the kernel for this launch. */
    Compiled compile(KernelLaunch launch);

    /** Runs a compiled kernel; returns the kernel time in ns. */
    long launch(Compiled kernel, KernelLaunch launch);

    /** Waits for all queued work. */
    void finish();

    /** Bytes of the device buffers this session holds now (freed buffers no longer count). */
    long allocatedBytes();

    int bufferCount();

    /** Frees every buffer, even when one free fails (that failure is thrown after the others were tried). */
    @Override
    void close();

    /** A compiled kernel: how long the JIT and the driver took (0 when it came from the cache), and its cache key. */
    interface Compiled {
        String cacheKey();

        long jitNanos();

        long buildNanos();

        boolean fromCache();

        String source();

        /** Whether the kernel reads the array passed as argument `index` (so it must be on the device first). */
        boolean readsArgument(int index);

        /** The indexing variant this launch runs (see {@link hetero.runtime.jit.OverflowFreeIndexing}); jvm runs Java itself. */
        default hetero.runtime.jit.Indexing indexing() {
            return hetero.runtime.jit.Indexing.EXACT;
        }
    }
}
