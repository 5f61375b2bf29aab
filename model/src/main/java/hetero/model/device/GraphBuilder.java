package hetero.model.device;

import hetero.kernels.Launch;
import hetero.runtime.api.DataTransferMode;
import hetero.runtime.api.ExecutionPlan;
import hetero.runtime.api.TaskGraph;

import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A task graph assembled from launches, remembering each launch's prefix so the plan's grids can be set later.
 * The same launch may be added several times under different prefixes (every layer reuses one attention
 * launch over the same workspace arrays).
 */
final class GraphBuilder {
    private record Added(String prefix, Launch launch) { }

    private final TaskGraph graph;
    private final List<Added> added = new ArrayList<>();

    GraphBuilder(String name) {
        this.graph = new TaskGraph(name);
    }

    TaskGraph graph() {
        return graph;
    }

    /** Adds the launch's tasks as {@code prefix_step}; returns their task ids. */
    List<String> add(String prefix, Launch launch) {
        launch.addTo(graph, prefix);
        added.add(new Added(prefix, launch));
        return launch.taskIds(prefix);
    }

    void applyGrids(ExecutionPlan plan) {
        for (Added a : added) a.launch.applyGrids(plan, graph.name(), a.prefix);
    }

    /**
     * Declares every weight array the tasks use as FIRST_EXECUTION: copied once per plan, however many layers
     * alias it. Declaring only what tasks use keeps unused tensors (an encoder-only model's output projection)
     * off the device.
     */
    void transferWeightsOnce(Set<Object> weights) {
        for (Object a : arrays(List.of(graph))) if (weights.contains(a)) graph.transferToDevice(DataTransferMode.FIRST_EXECUTION, a);
    }

    /** Distinct arrays (by identity) that the tasks of these graphs pass as arguments. */
    static Set<Object> arrays(List<TaskGraph> graphs) {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (TaskGraph g : graphs)
            for (TaskGraph.Task t : g.tasks())
                for (Object a : t.args()) if (a instanceof float[] || a instanceof int[] || a instanceof long[] || a instanceof double[]) seen.add(a);
        return seen;
    }

    /**
     * Sets a scalar argument by the kernel's parameter name (kernels are compiled with -parameters), so a decode
     * loop can move a position without hard-coding argument indices of kernels it does not own.
     */
    static void setArgument(TaskGraph graph, String taskId, String parameter, int value) {
        for (TaskGraph.Task t : graph.tasks()) {
            if (!t.id.equals(taskId)) continue;
            Parameter[] ps = t.kernel.method().getParameters();
            for (int i = 0; i < ps.length; i++) {
                if (ps[i].getName().equals(parameter)) {
                    graph.setArgument(taskId, i, value);
                    return;
                }
            }
            throw new IllegalStateException("kernel of task " + taskId + " has no parameter '" + parameter + "'");
        }
        throw new IllegalStateException("graph " + graph.name() + " has no task " + taskId);
    }
}
