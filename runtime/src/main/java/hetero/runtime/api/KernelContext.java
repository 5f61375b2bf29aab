package hetero.runtime.api;

/**
 * The project's earlier name for TornadoVM's {@link uk.ac.manchester.tornado.api.KernelContext}
 * (ids, sizes, barriers, local arrays, atomics), kept so that code written against it still
 * compiles. New kernels take {@code uk.ac.manchester.tornado.api.KernelContext}; the JIT and the
 * JVM backend treat both the same.
 */
public class KernelContext extends uk.ac.manchester.tornado.api.KernelContext {
}
