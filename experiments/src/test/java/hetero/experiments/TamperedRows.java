package hetero.experiments;

import hetero.experiments.results.ResultSchema;
import org.apache.commons.csv.CSVFormat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Edits cells of one result-CSV line, the way someone tampering with a result file would. */
final class TamperedRows {
    private TamperedRows() {
    }

    static List<String> cells(String csvLine) throws IOException {
        try (var parser = CSVFormat.DEFAULT.parse(new StringReader(csvLine))) {
            return new ArrayList<>(parser.getRecords().getFirst().toList());
        }
    }

    static String line(List<String> cells) {
        return CSVFormat.DEFAULT.format(cells.toArray());
    }

    static String get(String csvLine, String column) throws IOException {
        return cells(csvLine).get(ResultSchema.COLUMNS.indexOf(column));
    }

    static String set(String csvLine, String column, String value) throws IOException {
        List<String> c = cells(csvLine);
        c.set(ResultSchema.COLUMNS.indexOf(column), value);
        return line(c);
    }

    static String scale(String csvLine, String column, double factor) throws IOException {
        return set(csvLine, column, num(Double.parseDouble(get(csvLine, column)) * factor));
    }

    /** Every time column times {@code factor}, throughput divided by it: a consistent but false row. */
    static String scaleTime(String csvLine, double factor) throws IOException {
        String l = csvLine;
        for (String col : List.of("median_ms", "p5_ms", "p95_ms", "min_ms", "kernel_ms", "copy_in_ms", "copy_out_ms")) l = scale(l, col, factor);
        l = scale(l, "gflops", 1 / factor);
        l = scale(l, "gbps", 1 / factor);
        String iters = Arrays.stream(get(l, "iter_ms").split(";")).map(s -> num(Double.parseDouble(s) * factor)).collect(Collectors.joining(";"));
        return set(l, "iter_ms", iters);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.9g", v);
    }
}
