package hetero.experiments.results;

import hetero.experiments.BadInputException;
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
