package hetero.experiments.workload;

import hetero.experiments.sweep.Config;
import hetero.experiments.sweep.Param;
import hetero.runtime.backend.Device;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Something a sweep can measure: an attention variant, a GEMM, an encoder layer, a decode step.
 * The harness ({@link Measurer}) owns the timing loop, so a workload only says how to set up one
 * configuration on one device; see {@link VectorAddWorkload} for a complete example. To make a new
 * workload available to sweeps, add one line to {@link Workloads}.
 */
public interface Workload {
    /** The name presets use ({@code workload = attention}). */
    String name();

    /** One line for {@code lab sweep --list-workloads}. */
    String description();

    /**
     * Why this workload cannot run this configuration (unknown variant, unsupported mask, shape it
     * does not handle), or null. The sweep records it as a {@code skipped:} row. Generic checks
     * (kvHeads divides heads, heads divides dModel) are already done by {@link Config#invalidReason()}.
     */
    default String unsupported(Config config) {
        return null;
    }

    /**
     * For each name parameter this workload reads (variant, ...), the values it accepts; a
     * parameter it does not read is absent. A sweep refuses to start (exit code 2) when a value is
     * accepted by none of the workloads it is combined with, so {@code variant=bogus} is a typo
     * reported up front, not a column of skipped rows.
     */
    default Map<Param, List<String>> choices() {
        return variants(List.of());
    }

    /** {@link #choices()} of a workload that reads only {@code variant}: {@code default} and these. */
    static Map<Param, List<String>> variants(List<String> names) {
        List<String> all = new java.util.ArrayList<>(List.of("default"));
        all.addAll(names);
        return Map.of(Param.VARIANT, List.copyOf(all));
    }

    /**
     * Whether this configuration takes its kernels from the device's tuning file ({@code variant = auto}, see
     * {@link AutoVariant}); a sweep reads those files before it starts, so a malformed one stops it.
     */
    default boolean readsTuning(Config config) {
        return config.variant().equals(AutoVariant.NAME);
    }

    /**
     * Allocates inputs (from {@link Config#seed()}), builds the task graph and execution plan on
     * the device. Nothing runs yet. May throw {@link OutOfMemoryError} or any exception: the
     * harness turns them into {@code skipped:} / {@code error:} rows.
     */
    Trial prepare(Config config, Device device);

    /**
     * The attention axes ({@link Param#ATTENTION}, {@link Param#SCORING}) this workload varies. A configuration that
     * sets another of them away from its default is skipped, since it would only repeat an identical run.
     */
    default Set<Param> attentionAxes() {
        return Set.of();
    }

    /** Why {@code w} cannot run {@code c}: an attention axis it does not vary, or {@link #unsupported}; null if it can. */
    static String whyNot(Workload w, Config c) {
        for (Param p : new Param[] {Param.ATTENTION, Param.SCORING}) {
            if (!w.attentionAxes().contains(p) && !c.string(p).equals(p.defaultValue)) {
                return p.key + " = " + c.string(p) + " does not apply to workload " + w.name() + " (only " + p.defaultValue + ")";
            }
        }
        return w.unsupported(c);
    }
}
