package hetero.experiments;

import hetero.experiments.results.Completeness;
import hetero.experiments.results.Merger;
import hetero.experiments.results.ResultTable;
import hetero.experiments.sweep.Grid;
import hetero.experiments.sweep.Param;
import hetero.experiments.sweep.Preset;
import hetero.runtime.api.Devices;
import hetero.runtime.backend.Device;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Joins shard CSVs into one; refuses different headers and configurations present twice.",
                "Prints the rows per host and device. With --expect, refuses (exit 2) a set of shards that does not add up",
                "to the preset's grid and says which shard is missing or short."})
final class MergeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SHARD.csv", arity = "1..*")
    List<Path> inputs;

    @Option(names = {"-o", "--output"}, required = true)
    Path output;

    @Option(names = "--force", description = "replace OUTPUT if it exists")
    boolean force;

    @Option(names = "--expect", paramLabel = "PRESET", description = "the preset (name or file) the shards were swept from: every configuration of its grid must be present")
    String expect;

    @Option(names = "--set", paramLabel = "KEY=V1,V2", description = "with --expect: the --set overrides the sweep was given (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Option(names = {"-d", "--devices"}, paramLabel = "ID,ID", description = {"with --expect: the devices the sweep ran on, in the order it was given them",
            "(default: the preset's devices line; for 'all', this machine's devices and any other in the shards)"})
    String devices;

    @Option(names = "--shards", paramLabel = "N", description = "with --expect: how many shards the sweep was split into, to name the one missing "
            + "(default: from names like NAME-K-of-N.csv)")
    Integer shards;

    @Override
    public Integer call() {
        Completeness expected = null;
        if (expect != null) {
            Preset p = Preset.load(expect).withOverrides(overrides);
            if (shards != null && shards < 1) throw new BadInputException("--shards must be at least 1, got " + shards);
            int n = shards != null ? shards : Merger.shardCountFromNames(inputs); // 0: unknown
            expected = new Completeness(Grid.expand(p.withDevices(expectedDevices(p))), n);
        } else if (devices != null || shards != null || !overrides.isEmpty()) {
            throw new BadInputException("--devices, --shards and --set only make sense with --expect PRESET");
        }
        Merger.Report r = Merger.merge(inputs, output, force, expected);
        System.out.println(output + ": " + r.rows() + " rows (" + r.ok() + " ok) from " + r.files() + " files"
                + (expected != null ? ", every configuration of " + expect + " present once" : ""));
        System.out.println("rows per host and device:");
        r.perHostDevice().forEach((hostDevice, counts) -> System.out.printf("  %-40s %5d rows, %5d ok%n",
                hostDevice.startsWith(" ") ? "(host not recorded)" + hostDevice : hostDevice, counts[0], counts[1]));
        return 0;
    }

    /**
     * The device axis the sweep expanded: explicit ids keep their order. "all" is this machine's devices plus any
     * other device found in the shards, in the order "all" gives them here. The shards alone cannot tell: with
     * devices innermost in the grid, a whole device can belong to the one shard that is missing.
     */
    private List<String> expectedDevices(Preset p) {
        List<String> given = devices != null ? List.of(devices.split(",")) : p.axes().getOrDefault(Param.DEVICE, List.of("all"));
        List<String> ids = given.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (!ids.contains("all")) return ids;
        List<String> order = Devices.list().stream().map(Device::id).toList();
        Set<String> all = new LinkedHashSet<>(order);
        for (Path in : inputs) for (var row : ResultTable.read(in).rows()) all.add(row.getOrDefault("device_id", ""));
        all.remove("");
        List<String> out = new ArrayList<>(all);
        out.sort(Comparator.comparingInt((String id) -> order.contains(id) ? order.indexOf(id) : order.size()).thenComparing(id -> id));
        System.err.println("merge: expecting devices " + String.join(",", out) + " ('all' here and in the shards; --devices to say otherwise)");
        return out;
    }
}
