package hetero.experiments;

import hetero.experiments.plot.Plots;
import hetero.experiments.results.ResultTable;
import hetero.experiments.sweep.Config;
import hetero.experiments.sweep.Grid;
import hetero.experiments.sweep.Preset;
import hetero.experiments.sweep.Sweep;
import hetero.experiments.workload.Workload;
import hetero.experiments.workload.Workloads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Runs a preset's grid of configurations on devices and appends one CSV row per (configuration, device).",
                "Re-running the same command resumes: finished rows are kept, the rest run."})
final class SweepCommand implements Callable<Integer> {
    @Option(names = {"-p", "--preset"}, defaultValue = "quick", description = "built-in preset (${COMPLETION-CANDIDATES}) or a preset file (default: ${DEFAULT-VALUE})",
            completionCandidates = PresetNames.class)
    String preset;

    @Option(names = "--set", paramLabel = "KEY=V1,V2", description = "replace a preset line, e.g. --set seq=128,256 (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Option(names = {"-d", "--devices"}, paramLabel = "all|ID,ID", description = "devices to run on (default: the preset's devices line, else all)")
    String devices;

    @Option(names = "--shard", paramLabel = "K/N", description = "run only shard K of N (1 <= K <= N); shards partition the grid")
    String shard;

    @Option(names = {"-o", "--output"}, description = "result CSV (default: results/PRESET[-shard-K-of-N].csv, relative to the working directory)")
    Path output;

    @Option(names = {"-q", "--quiet"}, description = "no progress bar (also when CI=true or without a terminal)")
    boolean quiet;

    @Option(names = "--dry-run", description = "print the configurations this shard would run, and stop")
    boolean dryRun;

    @Option(names = "--list-workloads", description = "print the registered workloads, and stop")
    boolean listWorkloads;

    @Option(names = "--no-plots", description = "do not write plots and summary.md (default: into FILE-plots/ beside the CSV)")
    boolean noPlots;

    static final class PresetNames extends ArrayList<String> {
        PresetNames() {
            super(Preset.BUILT_IN);
        }
    }

    @Override
    public Integer call() {
        if (listWorkloads) {
            for (Workload w : Workloads.all()) System.out.printf("%-16s %s%n", w.name(), w.description());
            return 0;
        }
        Grid.Shard s = shard == null ? Grid.Shard.ALL : Grid.Shard.parse(shard);
        Preset p = Preset.load(preset).withOverrides(overrides);
        Sweep sweep = Sweep.plan(p, devices, s);
        if (dryRun) {
            for (Config c : sweep.selected()) System.out.println(c.key());
            System.out.println(sweep.selected().size() + " of " + sweep.grid().size() + " configurations (shard " + s + ")");
            return 0;
        }
        Path out = output != null ? output
                : Path.of("results", p.name() + (s.n() == 1 ? "" : "-shard-" + s.k() + "-of-" + s.n()) + ".csv");
        Sweep.Summary sum = sweep.run(out, quiet || !interactive(), System.err);
        System.out.printf("%s: %d rows (%d ok, %d skipped, %d errors, %d already done)%n", out, sum.total(), sum.ok(), sum.skipped(), sum.errors(), sum.resumed());
        if (!noPlots) {
            // Plots of the whole CSV (resumed rows included), so re-running a finished sweep just redraws them.
            Path dir = plotDir(out);
            Plots.write(List.of(ResultTable.read(out)), dir);
            System.out.println(dir + ": plots (PNG) and summary.md");
        }
        return 0;
    }

    /** {@code results/quick.csv} -> {@code results/quick-plots/}: one folder per CSV, so sweeps do not overwrite each other's plots. */
    static Path plotDir(Path csv) {
        String name = csv.getFileName().toString().replaceFirst("\\.csv$", "");
        return csv.resolveSibling(name + "-plots");
    }

    /** A progress bar only makes sense on a terminal a person watches. */
    static boolean interactive() {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) return false;
        java.io.Console console = System.console();
        return console != null && console.isTerminal();
    }
}
