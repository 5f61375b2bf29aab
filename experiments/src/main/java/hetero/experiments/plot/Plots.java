package hetero.experiments.plot;

import hetero.experiments.BadInputException;
import hetero.experiments.results.Problems;
import hetero.experiments.results.ResultSchema;
import hetero.experiments.results.ResultTable;
import hetero.experiments.sweep.Param;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Charts and a markdown summary from result CSVs (ok rows only):
 * <ul>
 * <li>{@code time-vs-seq-DEVICE.png}, {@code gflops-vs-seq-DEVICE.png}: log-log, one series per
 *     combination of the other parameters that vary on that device (scheme, variant, heads...);</li>
 * <li>{@code time-vs-seq-WORKLOAD.png}: log-log, one series per device (and varying parameters),
 *     to compare devices;</li>
 * <li>{@code memory-per-scheme.png}: weight bytes (device bytes where a workload has no weights)
 *     per scheme;</li>
 * <li>{@code summary.md}: one table row per result row.</li>
 * </ul>
 * Rows from different hosts (a merged cluster sweep) are never drawn as one series: when the rows come from more
 * than one host, the host is part of every series label and of the summary.
 */
public final class Plots {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** Configuration columns that can label a series, and the host (timings of two nodes are two series); seq is the x axis. */
    private static final List<String> SERIES_COLUMNS = java.util.stream.Stream.concat(java.util.Arrays.stream(Param.values())
            .filter(p -> p.inKey && p != Param.SEQ).map(p -> p.column), java.util.stream.Stream.of(ResultSchema.HOST)).toList();

    /** Columns the plots read; a CSV without one of them is refused before anything is drawn. */
    public static final List<String> REQUIRED = java.util.stream.Stream.concat(
            SERIES_COLUMNS.stream().filter(c -> !c.equals(ResultSchema.HOST)),
            java.util.stream.Stream.of(Param.SEQ.column, ResultSchema.STATUS, "median_ms", "gflops", "gbps", "weight_bytes", "device_bytes", "max_rel_err")).toList();

    private Plots() {
    }

    public static List<Path> write(List<ResultTable> tables, Path dir) {
        List<Map<String, String>> ok = new ArrayList<>();
        int other = 0;
        for (ResultTable t : tables) {
            t.requireColumns("plot", REQUIRED);
            for (Map<String, String> r : t.rows()) {
                if ("ok".equals(r.get("status")) && positive(r.get("median_ms"))) ok.add(r);
                else other++;
            }
        }
        try {
            Files.createDirectories(dir);
            List<Path> written = new ArrayList<>();
            for (var e : groupBy(ok, r -> r.get("device_id")).entrySet()) {
                written.add(lineChart(e.getValue(), "median_ms", "time (ms)", "time vs seq on " + e.getKey(),
                        dir.resolve("time-vs-seq-" + fileName(e.getKey()) + ".png"), "device_id"));
                List<Map<String, String>> withFlops = e.getValue().stream().filter(r -> positive(r.get("gflops"))).toList();
                if (!withFlops.isEmpty()) {
                    written.add(lineChart(withFlops, "gflops", "GFLOP/s", "GFLOP/s vs seq on " + e.getKey(),
                            dir.resolve("gflops-vs-seq-" + fileName(e.getKey()) + ".png"), "device_id"));
                }
            }
            for (var e : groupBy(ok, r -> r.get("workload")).entrySet()) {
                written.add(lineChart(e.getValue(), "median_ms", "time (ms)", e.getKey() + ": time vs seq, all devices",
                        dir.resolve("time-vs-seq-" + fileName(e.getKey()) + ".png"), "workload"));
            }
            if (!ok.isEmpty()) written.add(memoryChart(ok, dir.resolve("memory-per-scheme.png")));
            Path summary = dir.resolve("summary.md");
            Files.writeString(summary, summary(ok, other));
            written.add(summary);
            return written;
        } catch (IOException e) {
            throw new BadInputException("cannot write plots to " + dir + ": " + Problems.describe(e), e);
        }
    }

    private static Map<String, List<Map<String, String>>> groupBy(List<Map<String, String>> rows, Function<Map<String, String>, String> by) {
        return rows.stream().collect(Collectors.groupingBy(by, TreeMap::new, Collectors.toList()));
    }

    /** Columns (other than seq and the grouping column) whose values differ among these rows. */
    private static List<String> varying(List<Map<String, String>> rows, String except) {
        List<String> out = new ArrayList<>();
        for (String c : SERIES_COLUMNS) {
            if (c.equals(except)) continue;
            Set<String> values = new LinkedHashSet<>();
            for (Map<String, String> r : rows) values.add(r.get(c));
            if (values.size() > 1) out.add(c);
        }
        return out;
    }

    private static String label(Map<String, String> r, List<String> columns) {
        if (columns.isEmpty()) return r.get("workload");
        return columns.stream().map(c -> c + "=" + r.get(c)).collect(Collectors.joining(" "));
    }

    private static Path lineChart(List<Map<String, String>> rows, String yColumn, String yTitle, String title, Path file, String groupColumn) throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(600).title(title).xAxisTitle("sequence length").yAxisTitle(yTitle).build();
        chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true).setMarkerSize(6);
        for (var s : series(rows, yColumn, groupColumn).entrySet()) {
            double[] x = s.getValue().keySet().stream().mapToDouble(Double::doubleValue).toArray();
            double[] y = s.getValue().values().stream().mapToDouble(Double::doubleValue).toArray();
            chart.addSeries(s.getKey(), x, y);
        }
        return save(chart, file);
    }

    /** The series a line chart draws: label -> (seq -> y). Rows of two hosts get two labels. */
    static Map<String, TreeMap<Double, Double>> series(List<Map<String, String>> rows, String yColumn, String groupColumn) {
        List<String> columns = varying(rows, groupColumn);
        Map<String, TreeMap<Double, Double>> series = new LinkedHashMap<>();
        for (Map<String, String> r : rows) {
            // Repeated (series, seq) points (e.g. two CSVs of the same sweep) keep the best time.
            series.computeIfAbsent(label(r, columns), k -> new TreeMap<>())
                    .merge(Double.parseDouble(r.get("seq")), Double.parseDouble(r.get(yColumn)), yColumn.equals("median_ms") ? Math::min : Math::max);
        }
        return series;
    }

    private static Path memoryChart(List<Map<String, String>> rows, Path file) throws IOException {
        boolean weights = rows.stream().anyMatch(r -> positive(r.get("weight_bytes")));
        String column = weights ? "weight_bytes" : "device_bytes";
        List<Map<String, String>> used = rows.stream().filter(r -> positive(r.get(column))).toList();
        CategoryChart chart = new CategoryChartBuilder().width(900).height(600)
                .title((weights ? "weight bytes" : "device bytes (no workload reports weights)") + " per scheme")
                .xAxisTitle("scheme").yAxisTitle(column.replace('_', ' ')).build();
        Map<String, TreeMap<String, Double>> byWorkload = new TreeMap<>();
        Set<String> schemes = new java.util.TreeSet<>();
        for (Map<String, String> r : used) {
            schemes.add(r.get("scheme"));
            byWorkload.computeIfAbsent(r.get("workload"), k -> new TreeMap<>()).merge(r.get("scheme"), Double.parseDouble(r.get(column)), Math::max);
        }
        for (var e : byWorkload.entrySet()) {
            List<String> xs = new ArrayList<>(schemes);
            List<Double> ys = xs.stream().map(s -> e.getValue().getOrDefault(s, 0.0)).toList();
            chart.addSeries(e.getKey(), xs, ys);
        }
        if (byWorkload.isEmpty()) chart.addSeries("none", List.of("none"), List.of(0.0));
        return save(chart, file);
    }

    static String summary(List<Map<String, String>> ok, int notOk) {
        StringBuilder sb = new StringBuilder("# Results summary\n\n");
        sb.append(ok.size()).append(" ok rows").append(notOk > 0 ? ", " + notOk + " skipped or failed rows not shown" : "").append(".\n\n");
        List<String> columns = varying(ok, "");
        if (!columns.contains("workload")) columns.addFirst("workload");
        if (!columns.contains("device_id")) columns.add("device_id");
        List<String> header = new ArrayList<>(columns);
        header.add("seq");
        header.addAll(List.of("median_ms", "gflops", "gbps", "weight_bytes", "max_rel_err"));
        sb.append("| ").append(String.join(" | ", header)).append(" |\n");
        sb.append("|").append(" --- |".repeat(header.size())).append('\n');
        List<Map<String, String>> sorted = new ArrayList<>(ok);
        sorted.sort(Comparator.comparing((Map<String, String> r) -> label(r, columns)).thenComparingInt(r -> Integer.parseInt(r.get("seq"))));
        for (Map<String, String> r : sorted) {
            sb.append("| ").append(header.stream().map(c -> r.getOrDefault(c, "")).collect(Collectors.joining(" | "))).append(" |\n");
        }
        return sb.toString();
    }

    private static Path save(Chart<?, ?> chart, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
        return file;
    }

    private static boolean positive(String s) {
        try {
            return s != null && !s.isEmpty() && Double.parseDouble(s) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String fileName(String s) {
        return s.replaceAll("[^A-Za-z0-9_.-]", "-");
    }
}
