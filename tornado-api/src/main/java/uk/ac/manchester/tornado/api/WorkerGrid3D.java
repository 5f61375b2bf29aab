package uk.ac.manchester.tornado.api;

/** A 3-dimensional grid: {@code new WorkerGrid3D(x, y, z)}, then {@code setLocalWork(...)} for the work-group size. */
public class WorkerGrid3D extends AbstractWorkerGrid {
    public WorkerGrid3D(int x, int y, int z) {
        super(x, y, z);
    }
}
