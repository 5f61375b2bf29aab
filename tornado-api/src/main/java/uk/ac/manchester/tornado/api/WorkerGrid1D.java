package uk.ac.manchester.tornado.api;

/** A 1-dimensional grid: {@code new WorkerGrid1D(x)}, then {@code setLocalWork(...)} for the work-group size. */
public class WorkerGrid1D extends AbstractWorkerGrid {
    public WorkerGrid1D(int x) {
        super(x);
    }
}
