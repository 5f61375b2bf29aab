package hetero.experiments;

import hetero.experiments.results.Environment;
import hetero.experiments.tune.Tuner;
import hetero.kernels.VariantNames;
import hetero.kernels.tuning.Tuning;
import hetero.kernels.tuning.TuningFile;
import hetero.kernels.tuning.TuningFile.Entry;
import hetero.runtime.api.Devices;
import hetero.runtime.backend.Device;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "tune", mixinStandardHelpOptions = true,
        description = {"Measures every GEMM, attention, decode and LayerNorm variant of the kernel library on one device, for a few shape "
                + "families, and writes the fastest per family to results/tuning/<device id with ':' as '-'>.csv. The model's default "
                + "kernels and the sweep's variant=auto read that file (README, \"Kernel tuning\").",
                "The short run takes about 2 minutes on PoCL (2 cores); --full adds larger shapes."})
final class TuneCommand implements Callable<Integer> {
    @Option(names = {"-d", "--device"}, required = true, paramLabel = "ID", description = "the device to tune (lab devices lists the ids)")
    String deviceId;

    @Option(names = "--full", description = "also GEMM 2048^3, attention seq 512 and 4096, decode cache 16384 (several times longer)")
    boolean full;

    @Option(names = "--warmups", defaultValue = "1", description = "untimed runs after the first (default: ${DEFAULT-VALUE})")
    int warmups;

    @Option(names = "--iterations", defaultValue = "3", description = "timed runs per variant; the fastest decides (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--timeout", defaultValue = "120", paramLabel = "SECONDS", description = "per variant and shape (default: ${DEFAULT-VALUE})")
    int timeout;

    @Option(names = "--prune", defaultValue = "10", paramLabel = "FACTOR", description = "skip a variant on larger shapes once it was more than "
            + "FACTOR times slower than the fastest on the next smaller shape; 0 measures everything (default: ${DEFAULT-VALUE})")
    double prune;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "where to write the file (default: the directory the model reads, "
            + "-D" + Tuning.DIR_PROPERTY + ", $" + Tuning.DIR_ENV + " or results/tuning)")
    Path out;

    @Override
    public Integer call() {
        if (warmups < 0 || iterations < 1 || timeout < 1 || !(prune >= 0)) {
            throw new BadInputException("need --warmups >= 0, --iterations >= 1, --timeout >= 1 and --prune >= 0");
        }
        Device device;
        try {
            device = Devices.get(deviceId);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        Path dir = out != null ? out : Tuning.directory();
        Path file = dir.resolve(Tuning.fileName(device.id()));
        System.out.println("tuning " + device + " -> " + file + (full ? " (full run)" : ""));
        long t0 = System.nanoTime();
        List<Entry> entries = Tuner.run(device, Tuner.families(full), warmups, iterations, timeout, prune, System.out);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Environment env = Environment.capture();
        List<String> comments = List.of(
                "lab tune --device " + device.id() + (full ? " --full" : "") + " --warmups " + warmups + " --iterations " + iterations + " --prune " + prune,
                "device: " + device.name() + " (" + device.vendor() + "), driver " + device.driver() + ", " + device.type(),
                "host: " + env.host() + ", " + env.cpuModel() + ", " + env.cores() + " cores; " + env.jdk(),
                "commit " + env.gitCommit() + (env.gitDirty() ? " (uncommitted changes)" : "") + ", " + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                        + String.format(", %.0f s", seconds),
                "times: median / min end-to-end ms per run (kernels + one copy-out); chosen = fastest ok variant of its (op, family, causal) by min_ms");
        write(file, comments, entries);
        System.out.printf("%nchosen (%.0f s):%n", seconds);
        for (Entry e : entries) {
            if (e.chosen()) System.out.printf("  %-9s %-7s %-6s %-12s %10.3f ms (min)%n", e.op().label(), e.family(), e.causal() ? "causal" : "", VariantNames.of(e.variant()), e.minMs());
        }
        System.out.println("wrote " + file);
        return 0;
    }

    /** Through a temporary file, so a reader never sees half a file. */
    private static void write(Path file, List<String> comments, List<Entry> entries) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".tune-", ".csv");
            try (Writer w = Files.newBufferedWriter(tmp)) {
                TuningFile.write(w, new ArrayList<>(comments), entries);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
