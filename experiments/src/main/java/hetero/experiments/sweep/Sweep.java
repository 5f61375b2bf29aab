package hetero.experiments.sweep;

import hetero.experiments.BadInputException;
import hetero.experiments.results.Environment;
import hetero.experiments.results.ResultFile;
import hetero.experiments.results.ResultSchema;
import hetero.experiments.workload.Outcome;
import hetero.experiments.workload.Workload;
import hetero.experiments.workload.Workloads;
import hetero.runtime.api.Devices;
import hetero.runtime.backend.Device;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A resolved sweep: every check that can fail on bad input happens in {@link #plan}, before the
 * result file is opened, so bad input never touches existing results.
 *
 * @param grid     the whole grid (all shards)
 * @param selected this shard's part of it, in grid order
 */
public record Sweep(Preset preset, Grid.Shard shard, List<Config> grid, List<Config> selected) {

    /**
     * What a run did. {@code resumed}: rows of this shard already in the file, not run again;
     * {@code retried}: {@code error:} rows found in the file and run again.
     */
    public record Summary(int ok, int skipped, int errors, int resumed, int retried, int total) {
    }

    /**
     * @param devices {@code all}, a comma-separated list of ids, or null for the preset's
     *                {@code devices} line (itself defaulting to {@code all})
     */
    public static Sweep plan(Preset preset, String devices, Grid.Shard shard) {
        List<String> requested = devices != null ? List.of(devices.split(","))
                : preset.axes().getOrDefault(Param.DEVICE, List.of("all"));
        Preset resolved = preset.withDevices(resolveDevices(requested));
        List<Config> grid = Grid.expand(resolved);
        rejectUnknownNames(grid);
        rejectBadTuningFiles(grid);
        String firstReason = null;
        boolean anyRunnable = false;
        for (Config c : grid) {
            Workload w = Workloads.get(c.workload());
            String why = c.invalidReason() != null ? c.invalidReason() : Workload.whyNot(w, c);
            if (why == null) anyRunnable = true;
            else if (firstReason == null) firstReason = why;
        }
        if (!anyRunnable) throw new BadInputException("no configuration of this sweep can run: " + firstReason);
        return new Sweep(resolved, shard, grid, shard.select(grid));
    }

    /**
     * Fails when a name (a variant, ...) is accepted by none of the workloads it is combined with
     * in the grid (see {@link Workload#choices()}). A name one workload of a block accepts and
     * another does not is fine: the other's configurations become skipped rows.
     */
    public static void rejectUnknownNames(List<Config> grid) {
        Set<String> accepted = new java.util.HashSet<>();
        java.util.Map<String, java.util.Map<String, List<String>>> refused = new java.util.LinkedHashMap<>();
        for (Config c : grid) {
            Workload w = Workloads.get(c.workload());
            w.choices().forEach((p, names) -> {
                String value = p.key + " '" + c.string(p) + "'";
                if (names.contains(c.string(p))) accepted.add(value);
                else refused.computeIfAbsent(value, k -> new java.util.LinkedHashMap<>()).put(w.name(), names);
            });
        }
        refused.keySet().removeAll(accepted);
        if (refused.isEmpty()) return;
        List<String> why = new ArrayList<>();
        refused.forEach((value, by) -> {
            List<String> known = new ArrayList<>();
            by.forEach((w, names) -> known.add(w + " accepts " + String.join(", ", names)));
            why.add(value + " is unknown (" + String.join("; ", known) + ")");
        });
        throw new BadInputException(String.join("; ", why));
    }

    /**
     * Reads the tuning file of every device that a configuration takes its kernels from ({@code variant = auto}, the
     * model workloads' defaults), so a malformed one stops the sweep before anything runs, naming file and line.
     */
    static void rejectBadTuningFiles(List<Config> grid) {
        Set<String> checked = new java.util.HashSet<>();
        for (Config c : grid) {
            if (!Workloads.get(c.workload()).readsTuning(c) || !checked.add(c.device())) continue;
            try {
                hetero.kernels.tuning.Tuning.forDevice(Devices.get(c.device()));
            } catch (hetero.kernels.tuning.TuningFileException e) {
                throw new BadInputException(e.getMessage());
            } catch (IllegalArgumentException e) {
                // the device is not on this machine: its rows are skipped, and its file is not read
            }
        }
    }

    /** Expands {@code all} and checks every id, so a typo fails before anything runs. */
    static List<String> resolveDevices(List<String> requested) {
        Set<String> ids = new LinkedHashSet<>();
        for (String raw : requested) {
            String id = raw.strip();
            if (id.isEmpty()) continue;
            if (id.equals("all")) {
                for (Device d : Devices.list()) ids.add(d.id());
                continue;
            }
            try {
                ids.add(Devices.get(id).id());
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage());
            }
        }
        if (ids.isEmpty()) throw new BadInputException("no devices given");
        return new ArrayList<>(ids);
    }

    /** Runs in this JVM without checking where existing rows came from (tests, workloads registered at run time). */
    public Summary run(Path out, boolean quiet, PrintStream log) {
        try (ConfigRunner runner = new ConfigRunner()) {
            return run(out, quiet, log, runner, false);
        }
    }

    /**
     * Runs the configurations not yet in {@code out}, appending one row each as it completes.
     *
     * @param sameOrigin refuse an {@code out} whose rows were measured at another commit or on another CPU
     */
    public Summary run(Path out, boolean quiet, PrintStream log, ConfigRunner runner, boolean sameOrigin) {
        Environment env = Environment.capture();
        int ok = 0, skipped = 0, errors = 0, resumed = 0;
        try (ResultFile file = ResultFile.openForAppend(out, sameOrigin ? env : null)) {
            if (file.droppedBytes() > 0) log.println("dropped an incomplete last row (" + file.droppedBytes() + " bytes) from " + out);
            List<Config> todo = new ArrayList<>();
            for (Config c : selected) {
                if (file.isFinished(c.key())) resumed++;
                else todo.add(c);
            }
            if (resumed > 0 || file.retried() > 0) {
                log.println("resuming " + out + ": " + resumed + " of " + selected.size() + " rows already done"
                        + (file.retried() > 0 ? ", " + file.retried() + " error rows to retry" : ""));
            }
            // The bar's default renderer shows elapsed / remaining time (the ETA) after the count.
            try (ProgressBar bar = quiet ? null : new ProgressBarBuilder().setTaskName("sweep " + preset.name())
                    .setInitialMax(todo.size()).setStyle(ProgressBarStyle.ASCII).setMaxRenderedLength(160)
                    .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(log))
                    .build()) {
                for (Config c : todo) {
                    if (bar != null) bar.setExtraMessage(describe(c));
                    Outcome outcome = runner.run(c);
                    Device device = deviceOrNull(c.device());
                    file.append(ResultSchema.row(c, outcome, device, env));
                    switch (outcome) {
                        case Outcome.Ok o -> ok++;
                        case Outcome.Skipped s -> skipped++;
                        case Outcome.Failed f -> errors++;
                    }
                    if (bar != null) bar.step();
                    else if (outcome instanceof Outcome.Failed) log.println(c.key() + ": " + outcome.status());   // skipped rows: counted at the end
                }
            }
            return new Summary(ok, skipped, errors, resumed, file.retried(), selected.size());
        }
    }

    /** The progress bar's "now running" text: the configuration's parameters that differ from their defaults, and the device. */
    public static String describe(Config c) {
        Config defaults = Config.of(java.util.Map.of());
        StringBuilder sb = new StringBuilder(c.workload());
        for (Param p : Param.values()) {
            if (!p.inKey || p == Param.WORKLOAD || p == Param.DEVICE) continue;
            if (p == Param.KV_HEADS ? c.kvHeads() != c.heads() : !c.string(p).equals(defaults.string(p))) sb.append(' ').append(p.key).append('=').append(c.string(p));
        }
        return sb.append(" on ").append(c.device()).toString();
    }

    static Device deviceOrNull(String id) {
        try {
            return Devices.get(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
