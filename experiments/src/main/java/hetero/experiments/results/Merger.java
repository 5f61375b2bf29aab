package hetero.experiments.results;

import hetero.experiments.BadInputException;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Joins shard CSVs into one. Refuses inputs whose headers differ (rows from different harness
 * versions would be silently misread), inputs without the {@code config_key} and {@code status} columns,
 * configurations present in two inputs (shards partition a grid, so a duplicate means a shard was given
 * twice or two sweeps were mixed) and, given an expected sweep, an incomplete set of shards.
 */
public final class Merger {
    private Merger() {
    }

    /** Columns merge cannot do without. */
    static final List<String> REQUIRED = List.of(ResultSchema.CONFIG_KEY, ResultSchema.STATUS);

    /**
     * What a merge wrote.
     *
     * @param perHostDevice "host device" -> {rows, ok rows}; the host is empty for CSVs written before harness 2
     */
    public record Report(int rows, int files, Map<String, int[]> perHostDevice) {
        public int ok() {
            return perHostDevice.values().stream().mapToInt(c -> c[1]).sum();
        }
    }

    /** Merges without a completeness check. */
    public static int merge(List<Path> inputs, Path out, boolean overwrite) {
        return merge(inputs, out, overwrite, null).rows();
    }

    /**
     * The output appears atomically, complete or not at all; nothing is written when any check fails.
     *
     * @param expected the sweep the shards must add up to, or null to skip that check
     */
    public static Report merge(List<Path> inputs, Path out, boolean overwrite, Completeness expected) {
        if (inputs.isEmpty()) throw new BadInputException("merge needs at least one input CSV");
        if (Files.exists(out) && !overwrite) throw new BadInputException(out + " exists; pass --force to replace it");
        List<ResultTable> tables = inputs.stream().map(ResultTable::read).toList();
        List<String> header = tables.getFirst().header();
        Map<String, Path> seen = new HashMap<>();
        Map<String, int[]> perHostDevice = new TreeMap<>();
        for (ResultTable t : tables) {
            if (!t.header().equals(header)) {
                throw new BadInputException("cannot merge: " + t.file() + " has a different header than " + tables.getFirst().file()
                        + " (" + ResultTable.HeaderDiff.describe(t.header(), header) + ")");
            }
            t.requireColumns("merge", REQUIRED);
            for (Map<String, String> row : t.rows()) {
                Path before = seen.putIfAbsent(row.get(ResultSchema.CONFIG_KEY), t.file());
                if (before != null) {
                    throw new BadInputException("cannot merge: configuration " + row.get(ResultSchema.CONFIG_KEY) + " is in both "
                            + before + " and " + t.file());
                }
                int[] counts = perHostDevice.computeIfAbsent(row.getOrDefault(ResultSchema.HOST, "") + " " + row.getOrDefault("device_id", ""),
                        k -> new int[2]);
                counts[0]++;
                if ("ok".equals(row.get(ResultSchema.STATUS))) counts[1]++;
            }
        }
        if (expected != null) {
            List<String> problems = expected.problems(Set.copyOf(seen.keySet()));
            if (!problems.isEmpty()) {
                throw new BadInputException("incomplete set of shards, nothing written: " + String.join("; ", problems));
            }
        }
        Path abs = out.toAbsolutePath();
        try {
            Files.createDirectories(abs.getParent());
            Path tmp = Files.createTempFile(abs.getParent(), ".merge-", ".csv");
            int n = 0;
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.write(ResultTable.FORMAT.format(header.toArray()) + "\n");
                for (ResultTable t : tables) {
                    for (Map<String, String> row : t.rows()) {
                        w.write(ResultTable.FORMAT.format(header.stream().map(row::get).toArray()) + "\n");
                        n++;
                    }
                }
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Report(n, tables.size(), perHostDevice);
        } catch (IOException e) {
            throw new BadInputException("cannot write " + out + ": " + Problems.describe(e), e);
        }
    }

    private static final Pattern SHARD_FILE = Pattern.compile("-(\\d+)-of-(\\d+)\\.csv$");

    /**
     * The shard count N, when every input is named like {@code NAME-K-of-N.csv} with the same N (as
     * {@code scripts/slurm-sweep.sh} and {@code lab sweep --shard} name them); else 0.
     */
    public static int shardCountFromNames(List<Path> inputs) {
        int n = 0;
        for (Path p : inputs) {
            Matcher m = SHARD_FILE.matcher(p.getFileName().toString());
            if (!m.find()) return 0;
            int thisN = Integer.parseInt(m.group(2));
            if (n != 0 && thisN != n) return 0;
            n = thisN;
        }
        return n;
    }
}
