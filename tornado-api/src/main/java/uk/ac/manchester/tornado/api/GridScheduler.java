package uk.ac.manchester.tornado.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** The grids of the tasks of a plan, keyed by "graph.task". */
public class GridScheduler {
    private final Map<String, WorkerGrid> grids = new LinkedHashMap<>();

    public GridScheduler() {
    }

    public GridScheduler(String taskName, WorkerGrid workerGrid) {
        addWorkerGrid(taskName, workerGrid);
    }

    public void addWorkerGrid(String taskName, WorkerGrid workerGrid) {
        if (taskName == null || !taskName.contains(".")) {
            throw new IllegalArgumentException("name the task as graph.task, got '" + taskName + "'");
        }
        if (workerGrid == null) throw new IllegalArgumentException("no worker grid given for " + taskName);
        grids.put(taskName, workerGrid);
    }

    public WorkerGrid get(String taskName) {
        return grids.get(taskName);
    }

    public boolean contains(String taskName) {
        return grids.containsKey(taskName);
    }

    /** All grids, by task name (read-only). */
    public Map<String, WorkerGrid> getWorkerGrids() {
        return java.util.Collections.unmodifiableMap(grids);
    }
}
