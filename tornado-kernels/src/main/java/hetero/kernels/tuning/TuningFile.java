package hetero.kernels.tuning;

import hetero.kernels.AttentionLaunch;
import hetero.kernels.GemmLaunch;
import hetero.kernels.NormLaunch;
import hetero.kernels.VariantNames;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A per-device tuning file, {@code results/tuning/<device id with ':' as '-'>.csv}, written by {@code lab tune} and
 * read by {@link Tuning}. Lines starting with {@code #} are comments (the tuner records the device, driver, commit and
 * settings there). One row per measured (operation, shape family, variant); columns, in this order (a reader finds
 * them by name and ignores columns it does not know):
 * <ul>
 * <li>{@code op}: {@code gemm}, {@code attention} (full-sequence softmax), {@code decode} (one query over a KV cache)
 *     or {@code norm} (LayerNorm); see {@link Op}.</li>
 * <li>{@code family}: the shape family's name ({@code small}, {@code long}, ...); {@code shape}: its dimensions,
 *     for people.</li>
 * <li>{@code causal}: {@code true} or {@code false} (attention's mask; false for the others).</li>
 * <li>{@code flops}: the family's work per run ({@link Tuning#gemmFlops} and friends): a problem picks the family of
 *     its operation whose work is nearest on a log scale.</li>
 * <li>{@code variant}: the library enum constant ({@code STRIP}, {@code FLASH_STRIP}, ...; any spelling
 *     {@link VariantNames} accepts).</li>
 * <li>{@code status}: {@code ok}, {@code skipped: reason} or {@code error: message}; only ok rows have times.</li>
 * <li>{@code median_ms}, {@code min_ms}: end-to-end time per run (kernels and one copy-out), {@code gflops} = flops /
 *     median, {@code max_abs_err}: against the float64 reference (sampled rows).</li>
 * <li>{@code chosen}: {@code yes} on the fastest ok row of each (op, family, causal) by {@link Entry#bestMs()}, empty
 *     otherwise.</li>
 * </ul>
 * A file that breaks these rules is refused with a {@link TuningFileException} naming the file and line.
 */
public final class TuningFile {
    /** The operations a tuning file covers, each with the library enum its variants come from. */
    public enum Op {
        GEMM(GemmLaunch.Variant.class), ATTENTION(AttentionLaunch.Variant.class), DECODE(AttentionLaunch.DecodeVariant.class),
        NORM(NormLaunch.Variant.class);

        public final Class<? extends Enum<?>> variants;

        Op(Class<? extends Enum<?>> variants) {
            this.variants = variants;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Op parse(String text) {
            for (Op op : values()) if (op.label().equals(text.strip().toLowerCase(Locale.ROOT))) return op;
            return null;
        }

        /** The constant of this op's enum that {@code text} names, or null. */
        @SuppressWarnings({"unchecked", "rawtypes"})
        Enum<?> variant(String text) {
            return VariantNames.find((Class) variants, text);
        }
    }

    /** One row. Times and error are NaN where the row is not ok. */
    public record Entry(Op op, String family, String shape, boolean causal, double flops, Enum<?> variant, String status,
                        double medianMs, double minMs, double gflops, double maxAbsErr, boolean chosen) {
        public boolean ok() {
            return status.equals("ok");
        }

        /**
         * What variants are compared by: the fastest run ({@code min_ms}), which other processes on a shared machine
         * disturb least (they only ever add time); the median where a file has no min.
         */
        public double bestMs() {
            return Double.isNaN(minMs) ? medianMs : minMs;
        }
    }

    public static final List<String> COLUMNS = List.of("op", "family", "shape", "causal", "flops", "variant", "status",
            "median_ms", "min_ms", "gflops", "max_abs_err", "chosen");
    private static final List<String> REQUIRED = List.of("op", "family", "causal", "flops", "variant", "status", "median_ms", "chosen");

    private TuningFile() {
    }

    /** Reads and checks a tuning file; any problem is a {@link TuningFileException} with the file and line. */
    public static List<Entry> read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tuning file " + file + ": " + e.getMessage(), e);
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setCommentMarker('#').setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).get();
        List<Entry> entries = new ArrayList<>();
        Map<String, Integer> chosenAt = new HashMap<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            for (String column : REQUIRED) {
                if (!parser.getHeaderMap().containsKey(column)) {
                    throw new TuningFileException(file, headerLine(text), "missing column '" + column + "' (columns: " + String.join(",", COLUMNS) + ")");
                }
            }
            for (CSVRecord r : parser) {
                int line = lineOf(text, r.getCharacterPosition());
                Entry e = entry(file, line, r);
                if (e.chosen()) {
                    String key = e.op().label() + " " + e.family() + (e.causal() ? " causal" : "");
                    Integer before = chosenAt.put(key, line);
                    if (before != null) throw new TuningFileException(file, line, "a second chosen row for " + key + " (the first is on line " + before + ")");
                }
                entries.add(e);
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            if (e instanceof TuningFileException t) throw t;
            throw new TuningFileException(file, 0, "not a CSV file: " + e.getMessage());
        }
        if (entries.isEmpty()) throw new TuningFileException(file, headerLine(text), "no rows after the header");
        return List.copyOf(entries);
    }

    private static Entry entry(Path file, int line, CSVRecord r) {
        if (!r.isConsistent()) {
            throw new TuningFileException(file, line, r.size() + " cells, the header has " + r.getParser().getHeaderNames().size());
        }
        Op op = Op.parse(r.get("op"));
        if (op == null) throw new TuningFileException(file, line, "unknown op '" + r.get("op") + "'; known: gemm, attention, decode, norm");
        Enum<?> variant = op.variant(r.get("variant"));
        if (variant == null) {
            throw new TuningFileException(file, line, "unknown " + op.label() + " variant '" + r.get("variant") + "'; the library has "
                    + String.join(", ", VariantNames.all(op.variants)));
        }
        String family = r.get("family");
        if (family.isEmpty()) throw new TuningFileException(file, line, "empty family");
        String causal = r.get("causal").toLowerCase(Locale.ROOT);
        if (!causal.equals("true") && !causal.equals("false")) throw new TuningFileException(file, line, "causal must be true or false, not '" + r.get("causal") + "'");
        double flops = number(file, line, r, "flops", true);
        if (!(flops > 0)) throw new TuningFileException(file, line, "flops must be positive, not '" + r.get("flops") + "'");
        String status = r.get("status");
        boolean ok = status.equals("ok");
        if (!ok && !status.startsWith("skipped:") && !status.startsWith("error:")) {
            throw new TuningFileException(file, line, "status must be ok, 'skipped: ...' or 'error: ...', not '" + status + "'");
        }
        double median = number(file, line, r, "median_ms", ok);
        if (ok && !(median > 0)) throw new TuningFileException(file, line, "median_ms must be positive on an ok row, not '" + r.get("median_ms") + "'");
        String chosen = r.get("chosen").toLowerCase(Locale.ROOT);
        if (!chosen.isEmpty() && !chosen.equals("yes") && !chosen.equals("no")) throw new TuningFileException(file, line, "chosen must be yes or empty, not '" + r.get("chosen") + "'");
        if (chosen.equals("yes") && !ok) throw new TuningFileException(file, line, "a chosen row must have status ok, not '" + status + "'");
        return new Entry(op, family, r.isMapped("shape") ? r.get("shape") : "", causal.equals("true"), flops, variant, status, median,
                number(file, line, r, "min_ms", false), number(file, line, r, "gflops", false), number(file, line, r, "max_abs_err", false),
                chosen.equals("yes"));
    }

    /** The cell as a number; empty (or a missing optional column) is NaN unless required. */
    private static double number(Path file, int line, CSVRecord r, String column, boolean required) {
        String cell = r.isMapped(column) ? r.get(column) : "";
        if (cell.isEmpty()) {
            if (required) throw new TuningFileException(file, line, "empty " + column);
            return Double.NaN;
        }
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new TuningFileException(file, line, column + " is not a number: '" + cell + "'");
        }
    }

    /** 1-based line of a character position (comments and quoted line breaks counted). */
    private static int lineOf(String text, long position) {
        int line = 1;
        for (int i = 0; i < position && i < text.length(); i++) if (text.charAt(i) == '\n') line++;
        return line;
    }

    private static int headerLine(String text) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) if (!lines[i].startsWith("#") && !lines[i].isBlank()) return i + 1;
        return 1;
    }

    /** Writes comment lines (one per element of {@code comments}), the header and the rows. */
    public static void write(Writer out, List<String> comments, List<Entry> entries) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setCommentMarker('#').setHeaderComments(comments.toArray())
                .setHeader(COLUMNS.toArray(String[]::new)).setRecordSeparator('\n').get();
        try (CSVPrinter p = new CSVPrinter(out, format)) {
            for (Entry e : entries) {
                p.printRecord(e.op().label(), e.family(), e.shape(), e.causal(), (long) e.flops(), e.variant().name(), e.status(),
                        cell(e.medianMs(), "%.4f"), cell(e.minMs(), "%.4f"), cell(e.gflops(), "%.3f"), cell(e.maxAbsErr(), "%.3g"),
                        e.chosen() ? "yes" : "");
            }
        }
    }

    private static String cell(double v, String format) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, format, v);
    }
}
