package uk.ac.manchester.tornado.api;

import uk.ac.manchester.tornado.api.types.arrays.IntArray;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The work-item's view of an NDRange launch, for kernels written in the KernelContext style. A
 * kernel takes it as a parameter (the host creates one with {@code new KernelContext()} and passes
 * it to {@code task(...)}) and reads the ids and sizes below; the JIT turns every read into the
 * device builtin ({@code get_global_id(0)}, {@code %tid.x}, ...). A KernelContext task needs a
 * grid: {@code TornadoExecutionPlan.withGridScheduler(...)}.
 *
 * <p>The fields are plain (not final) because the runtime's JVM backend runs the kernel as Java
 * with one instance per work-item and fills them in; kernels only read them.
 */
public class KernelContext {
    public int globalIdx, globalIdy, globalIdz;
    public int localIdx, localIdy, localIdz;
    public int groupIdx, groupIdy, groupIdz;
    /** Global work size per dimension. */
    public int globalGroupSizeX = 1, globalGroupSizeY = 1, globalGroupSizeZ = 1;
    /** Work-group (local) size per dimension. */
    public int localGroupSizeX = 1, localGroupSizeY = 1, localGroupSizeZ = 1;

    private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);
    private static final VarHandle SEGMENT_INTS = java.lang.foreign.ValueLayout.JAVA_INT.varHandle();

    /** Waits until every work-item of the work-group has reached it (local memory fence). */
    public void localBarrier() {
    }

    /**
     * Waits for every work-item of the work-group with a global memory fence. Like OpenCL's
     * {@code barrier(CLK_GLOBAL_MEM_FENCE)} it orders memory within a work-group only.
     */
    public void globalBarrier() {
    }

    /** An array in local (shared) memory, one per work-group; {@code size} must be known when the kernel compiles. */
    public int[] allocateIntLocalArray(int size) {
        return new int[size];
    }

    /** See {@link #allocateIntLocalArray(int)}. */
    public long[] allocateLongLocalArray(int size) {
        return new long[size];
    }

    /** See {@link #allocateIntLocalArray(int)}. */
    public float[] allocateFloatLocalArray(int size) {
        return new float[size];
    }

    /** See {@link #allocateIntLocalArray(int)}. */
    public double[] allocateDoubleLocalArray(int size) {
        return new double[size];
    }

    /** Adds {@code value} to {@code array[index]} atomically (global or local memory). */
    public void atomicAdd(int[] array, int index, int value) {
        INTS.getAndAdd(array, index, value);
    }

    /** Adds {@code value} to {@code array.get(index)} atomically. */
    public void atomicAdd(IntArray array, int index, int value) {
        if (index < 0 || index >= array.getSize()) {
            throw new ArrayIndexOutOfBoundsException("index " + index + " out of bounds for IntArray of size " + array.getSize());
        }
        SEGMENT_INTS.getAndAdd(array.getSegment(), 4L * index, value);
    }
}
