package hetero.experiments.results;

import hetero.experiments.BadInputException;
import hetero.experiments.sweep.Config;
import hetero.experiments.sweep.Param;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A result CSV read into memory: its header and its rows as column -> value maps. */
public record ResultTable(Path file, List<String> header, List<Map<String, String>> rows) {
    static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();

    /**
     * Reads a result CSV, failing with a {@link BadInputException} that names the file and line. A CSV written
     * by an older harness is read in the current schema: before version 2 (no {@code host}, {@code slurm_job})
     * as if those were empty; before version 3 (no {@code attention}, {@code scoring}, {@code d_head},
     * {@code diff_vs_softmax}) as softmax attention, dot scoring, dHead = dModel / heads, with its
     * {@code config_key} rebuilt to include them.
     */
    public static ResultTable read(Path file) {
        if (!Files.isRegularFile(file)) throw new BadInputException("cannot read " + file + ": no such file");
        try {
            return parse(file, Files.readString(file, StandardCharsets.UTF_8)).withColumnsOfLaterVersions();
        } catch (IOException | UncheckedIOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * This table in the current schema, if its header is the current one less some columns that later harness
     * versions added (see {@link #read}); otherwise unchanged, for {@link #requireCurrentSchema} to refuse.
     */
    ResultTable withColumnsOfLaterVersions() {
        List<String> missing = ResultSchema.COLUMNS.stream().filter(c -> !header.contains(c)).toList();
        List<String> added = new ArrayList<>(ResultSchema.ADDED_IN_VERSION_2);
        added.addAll(ResultSchema.ADDED_IN_VERSION_3);
        if (missing.isEmpty() || !added.containsAll(missing)
                || !header.equals(ResultSchema.COLUMNS.stream().filter(c -> !missing.contains(c)).toList())) return this;
        boolean rekey = missing.contains(Param.ATTENTION.column);
        List<Map<String, String>> upgraded = new ArrayList<>();
        for (Map<String, String> old : rows) {
            Map<String, String> row = new LinkedHashMap<>();
            for (String c : ResultSchema.COLUMNS) row.put(c, old.getOrDefault(c, ""));
            if (rekey && !row.get(Param.WORKLOAD.column).isEmpty()) {
                Config c = ResultSchema.config(row);   // the new parameters take their defaults
                for (Param p : new Param[] {Param.ATTENTION, Param.SCORING, Param.D_HEAD}) row.put(p.column, c.string(p));
                row.put(ResultSchema.CONFIG_KEY, c.key());
            }
            upgraded.add(Collections.unmodifiableMap(row));
        }
        return new ResultTable(file, ResultSchema.COLUMNS, List.copyOf(upgraded));
    }

    /** Fails, naming the file and every absent column, unless the header has all of {@code columns}. */
    public ResultTable requireColumns(String what, List<String> columns) {
        List<String> missing = columns.stream().filter(c -> !header.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new BadInputException(file + " has no " + String.join(", ", missing) + " column" + (missing.size() > 1 ? "s" : "")
                    + ", which " + what + " needs: is it a result CSV of this harness?");
        }
        return this;
    }

    static ResultTable parse(Path file, String text) {
        try (Reader in = new StringReader(text);
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            List<String> header = parser.getHeaderNames();
            if (header.isEmpty()) throw new BadInputException(file + " is empty: expected a header line");
            List<Map<String, String>> rows = new ArrayList<>();
            for (CSVRecord r : parser) {
                if (r.size() != header.size()) {
                    throw new BadInputException(file + " line " + lineOf(text, r.getCharacterPosition()) + " has " + r.size()
                            + " cells, the header has " + header.size());
                }
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) row.put(header.get(i), r.get(i));
                rows.add(Collections.unmodifiableMap(row));
            }
            return new ResultTable(file, List.copyOf(header), List.copyOf(rows));
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw new BadInputException("cannot parse " + file + " as CSV: " + e.getMessage(), e);
        }
    }

    /** 1-based line number of a character offset (a quoted cell may span lines, so record numbers are not lines). */
    static long lineOf(String text, long charPosition) {
        long line = 1;
        for (int i = 0; i < charPosition && i < text.length(); i++) if (text.charAt(i) == '\n') line++;
        return line;
    }

    /** Fails unless this is a result CSV of the current schema. */
    public ResultTable requireCurrentSchema() {
        if (!header.equals(ResultSchema.COLUMNS)) {
            throw new BadInputException(file + " is not a result CSV of this harness version: " + HeaderDiff.describe(header, ResultSchema.COLUMNS));
        }
        return this;
    }

    /** Says briefly how two headers differ. */
    public static final class HeaderDiff {
        private HeaderDiff() {
        }

        public static String describe(List<String> got, List<String> want) {
            List<String> missing = new ArrayList<>(want);
            missing.removeAll(got);
            List<String> extra = new ArrayList<>(got);
            extra.removeAll(want);
            if (missing.isEmpty() && extra.isEmpty()) return "same columns in a different order";
            return (missing.isEmpty() ? "" : "missing columns " + missing + (extra.isEmpty() ? "" : "; "))
                    + (extra.isEmpty() ? "" : "unexpected columns " + extra);
        }
    }
}
