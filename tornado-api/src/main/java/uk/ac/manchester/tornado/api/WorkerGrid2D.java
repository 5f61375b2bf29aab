package uk.ac.manchester.tornado.api;

/** A 2-dimensional grid: {@code new WorkerGrid2D(x, y)}, then {@code setLocalWork(...)} for the work-group size. */
public class WorkerGrid2D extends AbstractWorkerGrid {
    public WorkerGrid2D(int x, int y) {
        super(x, y);
    }
}
