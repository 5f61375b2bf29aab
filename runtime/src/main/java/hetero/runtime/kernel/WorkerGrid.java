package hetero.runtime.kernel;

import java.util.Arrays;

/**
 * Global work size per dimension and, optionally, the work-group (local) size, as TornadoVM's WorkerGrid.
 * It lives below api, backend and jit (all three use it), so that the lower layers need not import api.
 */
public final class WorkerGrid {
    private final long[] global;
    private long[] local;

    private WorkerGrid(long... global) {
        for (long g : global) if (g <= 0) throw new IllegalArgumentException("grid sizes must be positive: " + Arrays.toString(global));
        this.global = global.clone();
    }

    public static WorkerGrid of1D(long x) { return new WorkerGrid(x); }

    public static WorkerGrid of2D(long x, long y) { return new WorkerGrid(x, y); }

    public static WorkerGrid of3D(long x, long y, long z) { return new WorkerGrid(x, y, z); }

    /** Sets the work-group size (one value per dimension). Global sizes are rounded up to a multiple of it. */
    public WorkerGrid local(long... sizes) {
        if (sizes.length != global.length) {
            throw new IllegalArgumentException("local size has " + sizes.length + " dimensions, grid has " + global.length);
        }
        for (long s : sizes) if (s <= 0) throw new IllegalArgumentException("local sizes must be positive: " + Arrays.toString(sizes));
        this.local = sizes.clone();
        return this;
    }

    public int dimensions() { return global.length; }

    public long[] global() { return global.clone(); }

    /** The local size, or null to let the driver choose. */
    public long[] localSize() { return local == null ? null : local.clone(); }

    /** Global sizes rounded up to a multiple of the local size (kernels guard the excess). */
    public long[] roundedGlobal() {
        long[] g = global.clone();
        if (local != null) for (int i = 0; i < g.length; i++) g[i] = (g[i] + local[i] - 1) / local[i] * local[i];
        return g;
    }

    @Override
    public String toString() {
        return "global=" + Arrays.toString(global) + (local == null ? "" : " local=" + Arrays.toString(local));
    }
}
