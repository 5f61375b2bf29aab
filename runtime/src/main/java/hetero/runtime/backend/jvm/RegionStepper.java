package hetero.runtime.backend.jvm;

/**
 * A KernelContext kernel split at its barriers (made by {@link BarrierRegions}): one call runs
 * one work-item from where it stopped to its next barrier, or to its end. Public only because the
 * generated class lives in the kernel's package and implements it.
 */
public interface RegionStepper {
    /**
     * Runs one work-item of the kernel.
     *
     * @param prims the item's saved primitive locals (float and double as raw bits)
     * @param refs  the item's saved reference locals (arrays, its KernelContext)
     * @param at    0 to start the item, else the barrier it stopped at last time
     * @param args  the kernel's arguments, with this item's KernelContext (read only when {@code at} is 0)
     * @return the barrier (1, 2, ... in code order) the item now waits at, or 0 when it has finished
     */
    int step(long[] prims, Object[] refs, int at, Object[] args);
}
