package hetero.runtime.api;

/**
 * The work-item's view of an NDRange launch, for kernels written in TornadoVM's
 * KernelContext style. A kernel takes it as a parameter and reads the ids below; the JIT turns
 * every read into the matching device builtin ({@code get_global_id(0)}, {@code %tid.x}, ...).
 *
 * <p>On the JVM backend each work-item gets its own instance with these fields filled in, and
 * {@link #localBarrier()} waits for the other items of the same work-group, so a KernelContext
 * kernel has a plain-Java reference too. The fields are public and mutable only so that the
 * emulator can fill them; kernels must only read them.
 */
public class KernelContext {
    public int globalIdx, globalIdy, globalIdz;
    public int localIdx, localIdy, localIdz;
    public int groupIdx, groupIdy, groupIdz;
    /** Global work size per dimension. */
    public int globalGroupSizeX = 1, globalGroupSizeY = 1, globalGroupSizeZ = 1;
    /** Work-group (local) size per dimension. */
    public int localGroupSizeX = 1, localGroupSizeY = 1, localGroupSizeZ = 1;

    /** Waits until every work-item of this work-group has reached the barrier (local memory fence). */
    public void localBarrier() {
    }

    /**
     * Waits for every work-item of the group with a global memory fence. Like OpenCL's
     * {@code barrier(CLK_GLOBAL_MEM_FENCE)}, it orders memory only within a work-group; it is not
     * a grid-wide synchronisation.
     */
    public void globalBarrier() {
    }

    /** A float array in local (shared) memory, one per work-group; {@code size} must be a constant after specialization. */
    public float[] allocateFloatLocalArray(int size) {
        return new float[size];
    }

    /** An int array in local (shared) memory, one per work-group. */
    public int[] allocateIntLocalArray(int size) {
        return new int[size];
    }
}
