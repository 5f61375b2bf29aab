package uk.ac.manchester.tornado.api;

import java.util.Arrays;

/** The state the 1D/2D/3D grids share; sizes past the grid's dimension are ignored. */
abstract class AbstractWorkerGrid implements WorkerGrid {
    private final long[] global;
    private long[] local;

    AbstractWorkerGrid(long... global) {
        this.global = new long[global.length];
        setGlobal(global);
    }

    private void setGlobal(long[] sizes) {
        for (int i = 0; i < global.length; i++) {
            if (sizes[i] <= 0) throw new IllegalArgumentException("global work sizes must be positive: " + Arrays.toString(sizes));
            global[i] = sizes[i];
        }
    }

    @Override
    public int dimension() {
        return global.length;
    }

    @Override
    public long[] getGlobalWork() {
        return global.clone();
    }

    @Override
    public long[] getLocalWork() {
        return local == null ? null : local.clone();
    }

    @Override
    public void setGlobalWork(long x, long y, long z) {
        setGlobal(new long[]{x, y, z});
    }

    @Override
    public void setLocalWork(long x, long y, long z) {
        long[] sizes = {x, y, z};
        long[] l = new long[global.length];
        for (int i = 0; i < l.length; i++) {
            if (sizes[i] <= 0) throw new IllegalArgumentException("local work sizes must be positive: " + Arrays.toString(sizes));
            l[i] = sizes[i];
        }
        local = l;
    }

    @Override
    public void setLocalWorkToNull() {
        local = null;
    }

    @Override
    public long[] getNumberOfWorkgroups() {
        if (local == null) return null;
        long[] n = new long[global.length];
        for (int i = 0; i < n.length; i++) n[i] = (global[i] + local[i] - 1) / local[i];
        return n;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(global=" + Arrays.toString(global) + (local == null ? "" : ", local=" + Arrays.toString(local)) + ")";
    }
}
