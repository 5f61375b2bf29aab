package hetero.experiments;

import hetero.experiments.plot.Plots;
import hetero.experiments.results.Comparison;
import hetero.experiments.results.Environment;
import hetero.experiments.sweep.ConfigRunner;
import hetero.experiments.results.ResultTable;
import hetero.experiments.sweep.Config;
import hetero.experiments.sweep.Grid;
import hetero.experiments.sweep.Preset;
import hetero.experiments.sweep.Sweep;
import hetero.experiments.workload.Workload;
import hetero.experiments.workload.Workloads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Runs a preset's grid of configurations on devices and appends one CSV row per (configuration, device).",
                "Each configuration runs in a worker JVM that is killed when it exceeds its timeout.",
                "Without -o, a run writes its own directory results/runs/DATE-HOST-COMMIT/ and ends by comparing itself",
                "with the committed reference results/PRESET.csv. Re-running the same command resumes: finished rows",
                "are kept, error rows are retried, the rest run. One sweep at a time may write a file."})
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

    @Option(names = {"-o", "--output"}, description = "result CSV (default: results/runs/DATE-HOST-COMMIT/PRESET[-shard-K-of-N].csv, relative to the working directory)")
    Path output;

    @Option(names = "--reference", paramLabel = "FILE.csv", description = "compare the finished run with this CSV (default: results/PRESET.csv when it exists and is not the output)")
    Path reference;

    @Option(names = "--no-compare", description = "do not compare the finished run with a reference")
    boolean noCompare;

    @Option(names = {"-v", "--verbose"}, description = "show the worker JVM's output (driver build logs, compiler warnings) here instead of in FILE.log")
    boolean verbose;

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
        String csvName = p.name() + (s.n() == 1 ? "" : "-shard-" + s.k() + "-of-" + s.n()) + ".csv";
        Environment env = Environment.capture();
        Path out = output != null ? output : runDirectory(env).resolve(csvName);
        // Checked before the sweep: a typo in --reference must not cost a whole run and then exit 2.
        if (reference != null && !noCompare && (!Files.isRegularFile(reference) || sameFile(reference, out))) {
            throw new BadInputException("--reference " + reference + ": no such file (or it is the output itself)");
        }
        Path log = verbose ? null : out.resolveSibling(out.getFileName().toString().replaceFirst("\\.csv$", "") + ".log");
        Sweep.Summary sum;
        try (ConfigRunner runner = ConfigRunner.inChildJvm(log)) {
            sum = sweep.run(out, quiet || !interactive(), System.err, runner, true);
        }
        System.out.printf("%s: %d rows (%d ok, %d skipped, %d errors, %d already done, %d error rows retried)%n",
                out, sum.total(), sum.ok(), sum.skipped(), sum.errors(), sum.resumed(), sum.retried());
        if (log != null && Files.exists(log)) System.out.println(log + ": the worker's output (driver build logs), one === header per row");
        if (!noPlots) {
            // Plots of the whole CSV (resumed rows included), so re-running a finished sweep just redraws them.
            Path dir = plotDir(out);
            Plots.write(List.of(ResultTable.read(out)), dir);
            System.out.println(dir + ": plots (PNG) and summary.md");
        }
        Path ref = reference != null ? reference : Path.of("results", csvName);
        if (!noCompare && Files.isRegularFile(ref) && !sameFile(ref, out)) {
            try {
                Comparison.compare(ResultTable.read(out), ResultTable.read(ref).requireCurrentSchema(), System.out);
            } catch (BadInputException e) {
                System.out.println("no comparison with the reference: " + e.getMessage());
            }
        }
        return 0;
    }

    /**
     * {@code results/runs/2026-11-30-myhost-1a2b3c4/}: one directory per (day, machine, commit), so a
     * run never resumes a CSV measured elsewhere, and a killed run started again the same day resumes.
     */
    static Path runDirectory(Environment env) {
        String host = env.host().isEmpty() ? "host" : env.host();
        String commit = env.gitCommit().length() >= 7 ? env.gitCommit().substring(0, 7) : "nocommit";
        String name = java.time.LocalDate.now(java.time.ZoneOffset.UTC) + "-" + host.replaceAll("[^A-Za-z0-9.-]", "_") + "-" + commit
                + (env.gitDirty() ? "-dirty" : "");
        return Path.of("results", "runs", name);
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(b) && Files.isSameFile(a, b);
        } catch (java.io.IOException e) {
            return false;
        }
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
