package hetero.experiments.results;

import hetero.experiments.BadInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins shard CSVs into one. Refuses inputs whose headers differ (rows from different harness
 * versions would be silently misread) and configurations present in two inputs (shards partition
 * a grid, so a duplicate means a shard was given twice or two sweeps were mixed).
 */
public final class Merger {
    private Merger() {
    }

    /** Returns the number of rows written. The output appears atomically, complete or not at all. */
    public static int merge(List<Path> inputs, Path out, boolean overwrite) {
        if (inputs.isEmpty()) throw new BadInputException("merge needs at least one input CSV");
        if (Files.exists(out) && !overwrite) throw new BadInputException(out + " exists; pass --force to replace it");
        List<ResultTable> tables = inputs.stream().map(ResultTable::read).toList();
        List<String> header = tables.getFirst().header();
        Map<String, Path> seen = new HashMap<>();
        for (ResultTable t : tables) {
            if (!t.header().equals(header)) {
                throw new BadInputException("cannot merge: " + t.file() + " has a different header than " + tables.getFirst().file()
                        + " (" + ResultTable.HeaderDiff.describe(t.header(), header) + ")");
            }
            if (!header.contains(ResultSchema.CONFIG_KEY)) throw new BadInputException(t.file() + " has no " + ResultSchema.CONFIG_KEY + " column");
            for (Map<String, String> row : t.rows()) {
                Path before = seen.putIfAbsent(row.get(ResultSchema.CONFIG_KEY), t.file());
                if (before != null) {
                    throw new BadInputException("cannot merge: configuration " + row.get(ResultSchema.CONFIG_KEY) + " is in both "
                            + before + " and " + t.file());
                }
            }
        }
        try {
            Path abs = out.toAbsolutePath();
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
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
    }
}
