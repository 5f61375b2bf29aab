package hetero.kernels;

import hetero.runtime.api.DataTransferMode;
import hetero.runtime.api.ExecutionPlan;
import hetero.runtime.api.ExecutionResult;
import hetero.runtime.api.TaskGraph;
import hetero.runtime.backend.Device;
import hetero.runtime.kernel.WorkerGrid;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A validated, ready-to-run kernel variant: the tasks it adds to a task graph, the grid each
 * needs, and which arrays it reads, writes and uses as scratch. Launchers (GemmLaunch,
 * AttentionLaunch, ...) check shapes and build one; the model and the benchmark harness add it to
 * their own graphs:
 * <pre>
 * Launch l = AttentionLaunch.flash(q, k, v, out, ...);
 * TaskGraph g = l.addTo(new TaskGraph("layer0"), "attn");
 * try (ExecutionPlan plan = l.applyGrids(new ExecutionPlan(g).withDevice(d), "layer0", "attn")) { plan.execute(); }
 * </pre>
 * Task ids are {@code prefix_step} (or just {@code step} when the prefix is empty).
 */
public final class Launch {
    private record Step(String name, BiConsumer<TaskGraph, String> add, WorkerGrid grid, String[] specialize) {}

    private final String description;
    private final List<Step> steps = new ArrayList<>();
    private final List<Object> inputs = new ArrayList<>();
    private final List<Object> outputs = new ArrayList<>();
    private final List<Object> scratch = new ArrayList<>();

    Launch(String description) {
        this.description = description;
    }

    Launch step(String name, BiConsumer<TaskGraph, String> add, WorkerGrid grid, String... specialize) {
        steps.add(new Step(name, add, grid, specialize));
        return this;
    }

    Launch inputs(Object... arrays) {
        Collections.addAll(inputs, arrays);
        return this;
    }

    Launch outputs(Object... arrays) {
        Collections.addAll(outputs, arrays);
        return this;
    }

    Launch scratch(Object... arrays) {
        Collections.addAll(scratch, arrays);
        return this;
    }

    /** Appends the steps of another launch, keeping this launch's inputs and outputs. */
    Launch appendSteps(Launch other) {
        steps.addAll(other.steps);
        return this;
    }

    /** A copy in which the steps named {@code name} are renamed, in order, to {@code newNames}. */
    Launch renamed(String name, String... newNames) {
        Launch copy = new Launch(description);
        int next = 0;
        for (Step s : steps) {
            copy.steps.add(s.name.equals(name) && next < newNames.length ? new Step(newNames[next++], s.add, s.grid, s.specialize) : s);
        }
        copy.inputs.addAll(inputs);
        copy.outputs.addAll(outputs);
        copy.scratch.addAll(scratch);
        return copy;
    }

    /** This launch followed by another (for example the two GEMMs of a feed-forward block). */
    public Launch then(Launch next) {
        Launch both = new Launch(description + " + " + next.description);
        both.steps.addAll(steps);
        both.steps.addAll(next.steps);
        both.inputs.addAll(inputs);
        for (Object in : next.inputs) if (!containsIdentity(outputs, in) && !containsIdentity(both.inputs, in)) both.inputs.add(in);
        both.outputs.addAll(next.outputs);
        both.scratch.addAll(scratch);
        both.scratch.addAll(next.scratch);
        for (Object o : outputs) if (!containsIdentity(next.outputs, o)) both.scratch.add(o);
        return both;
    }

    private static boolean containsIdentity(List<Object> list, Object o) {
        for (Object x : list) if (x == o) return true;
        return false;
    }

    public String description() {
        return description;
    }

    /** Arrays the tasks read that are produced outside this launch. */
    public List<Object> inputs() {
        return Collections.unmodifiableList(inputs);
    }

    /** Arrays that hold the result. */
    public List<Object> outputs() {
        return Collections.unmodifiableList(outputs);
    }

    /** Intermediate device buffers (score matrices, projections, hidden activations). */
    public List<Object> scratch() {
        return Collections.unmodifiableList(scratch);
    }

    public List<String> taskIds(String prefix) {
        List<String> ids = new ArrayList<>();
        for (Step s : steps) ids.add(id(prefix, s.name));
        return ids;
    }

    private static String id(String prefix, String step) {
        return prefix == null || prefix.isEmpty() ? step : prefix + "_" + step;
    }

    /** Adds the tasks (not the transfers) to {@code graph}. */
    public TaskGraph addTo(TaskGraph graph, String prefix) {
        for (Step s : steps) {
            String id = id(prefix, s.name);
            s.add.accept(graph, id);
            if (s.specialize.length > 0) graph.specialize(id, s.specialize);
        }
        return graph;
    }

    /** Sets the grid of every task this launch added to graph {@code graphName} with {@code prefix}. */
    public ExecutionPlan applyGrids(ExecutionPlan plan, String graphName, String prefix) {
        for (Step s : steps) plan.withGrid(graphName + "." + id(prefix, s.name), s.grid);
        return plan;
    }

    public WorkerGrid grid(String step) {
        for (Step s : steps) if (s.name.equals(step)) return s.grid;
        throw new IllegalArgumentException("no step '" + step + "' in " + description);
    }

    /** A graph with just this launch: inputs copied in and outputs copied out on every execution. */
    public TaskGraph toGraph(String graphName) {
        TaskGraph g = new TaskGraph(graphName);
        if (!inputs.isEmpty()) g.transferToDevice(DataTransferMode.EVERY_EXECUTION, inputs.toArray());
        addTo(g, "");
        if (!outputs.isEmpty()) g.transferToHost(DataTransferMode.EVERY_EXECUTION, outputs.toArray());
        return g;
    }

    /** Runs the launch once on {@code device}, results in the output arrays (tests, one-off use). */
    public ExecutionResult runOnce(Device device) {
        TaskGraph g = toGraph("run");
        try (ExecutionPlan plan = applyGrids(new ExecutionPlan(g).withDevice(device), "run", "")) {
            return plan.execute();
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
