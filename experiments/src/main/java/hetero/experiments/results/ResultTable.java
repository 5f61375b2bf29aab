package hetero.experiments.results;

import hetero.experiments.BadInputException;
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

    /** Reads a result CSV, failing with a {@link BadInputException} that names the file and line. */
    public static ResultTable read(Path file) {
        if (!Files.isRegularFile(file)) throw new BadInputException("cannot read " + file + ": no such file");
        try {
            return parse(file, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | UncheckedIOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static ResultTable parse(Path file, String text) {
        try (Reader in = new StringReader(text);
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            List<String> header = parser.getHeaderNames();
            if (header.isEmpty()) throw new BadInputException(file + " is empty: expected a header line");
            List<Map<String, String>> rows = new ArrayList<>();
            for (CSVRecord r : parser) {
                if (r.size() != header.size()) {
                    throw new BadInputException(file + " line " + r.getRecordNumber() + 1 + " has " + r.size()
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

    /**
     * This table in the current schema, or a failure saying how the header differs. A CSV written before the
     * attention, scoring and dHead axes (and diff_vs_softmax) existed is read as softmax, dot scoring,
     * dHead = dModel / heads, with its config_key rebuilt accordingly; nothing else is guessed.
     */
    public ResultTable requireCurrentSchema() {
        List<String> missing = new ArrayList<>(ResultSchema.COLUMNS);
        missing.removeAll(header);
        if (!missing.isEmpty() && ResultSchema.ADDED_WITH_ATTENTION_AXES.containsAll(missing)
                && header.equals(ResultSchema.COLUMNS.stream().filter(c -> !missing.contains(c)).toList())) {
            List<Map<String, String>> upgraded = new ArrayList<>();
            for (Map<String, String> old : rows) {
                Map<String, String> row = new LinkedHashMap<>();
                for (String c : ResultSchema.COLUMNS) row.put(c, old.getOrDefault(c, ""));
                row.put(ResultSchema.CONFIG_KEY, "");
                row.put(ResultSchema.CONFIG_KEY, ResultSchema.config(row).key());
                for (Param p : new Param[] {Param.ATTENTION, Param.SCORING, Param.D_HEAD}) row.put(p.column, ResultSchema.config(row).string(p));
                upgraded.add(Collections.unmodifiableMap(row));
            }
            return new ResultTable(file, ResultSchema.COLUMNS, List.copyOf(upgraded));
        }
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
