package hetero.experiments.bench;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a JMH CSV result file (lab bench --format CSV) into a Markdown table: time per op,
 * GFLOP/s or GB/s from the formulas below, the ratio to a peer measured in the same run, and
 * % of the fp32 peak when FmaPeakBench (all cores) ran in the same file.
 *
 * <ul>
 * <li>GEMM: 2 n^3 flops. Peer: clblast.
 * <li>Attention: 4 heads seq^2 dHead flops, halved when causal. Peer: unfused.
 * <li>Feed-forward: 4 rows dModel dFF flops. Peer: UNFUSED.
 * <li>Softmax: 8 rows cols bytes (read + write once). Peer: ROW_PER_ITEM.
 * <li>Norms: 8 rows cols bytes, 16 rows cols for residual + LayerNorm. Peer: layerNorm_ROW.
 * <li>FMA peak: 2 x lanes x 12 chains x iterations x threads flops (lanes = 16, AVX-512).
 * </ul>
 *
 * <pre>java --add-modules jdk.incubator.vector -cp ... hetero.experiments.bench.BenchReport results/jmh.csv</pre>
 */
public final class BenchReport {
    private static final Map<String, String> PEER = Map.of("GemmBench", "clblast", "AttentionBench", "unfused",
            "FeedForwardBench", "UNFUSED", "SoftmaxBench", "ROW_PER_ITEM", "NormBench", "layerNorm_ROW");

    private BenchReport() {
    }

    record Row(String bench, Map<String, String> params, double ms, double err) {
        String impl() {
            return params.getOrDefault("impl", "");
        }

        int i(String p) {
            return Integer.parseInt(params.get(p));
        }

        /** Params other than impl: rows with the same key are compared with each other. */
        String group() {
            Map<String, String> g = new TreeMap<>(params);
            g.remove("impl");
            return bench + g;
        }

        double flops() {
            return switch (bench) {
                case "GemmBench" -> 2.0 * i("size") * i("size") * (double) i("size");
                case "AttentionBench" -> 4.0 * i("heads") * (double) i("seq") * i("seq") * i("dHead") / (Boolean.parseBoolean(params.get("causal")) ? 2 : 1);
                case "FeedForwardBench" -> 4.0 * i("rows") * i("dModel") * (double) i("dFF");
                case "FmaPeakBench" -> FmaPeak.flops(i("threads"), Long.parseLong(params.get("iterations")));
                default -> 0;
            };
        }

        double bytes() {
            return switch (bench) {
                case "SoftmaxBench" -> 8.0 * i("rows") * i("cols");
                case "NormBench" -> (impl().startsWith("residual") ? 16.0 : 8.0) * i("rows") * i("cols");
                default -> 0;
            };
        }
    }

    public static void main(String[] args) throws IOException {
        List<Row> rows = read(Path.of(args.length > 0 ? args[0] : "results/jmh.csv"));
        double peak = 0;
        for (Row r : rows) if (r.bench.equals("FmaPeakBench")) peak = Math.max(peak, r.flops() / r.ms / 1e6);
        Map<String, Row> peers = new LinkedHashMap<>();
        for (Row r : rows) if (r.impl().equals(PEER.get(r.bench))) peers.put(r.group(), r);
        System.out.println("| benchmark | params | impl | ms/op (± 99.9%) | GFLOP/s | GB/s | % of peak | time ratio peer/this |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (Row r : rows) {
            Map<String, String> shown = new TreeMap<>(r.params);
            shown.remove("impl");
            double gflops = r.flops() / r.ms / 1e6, gbps = r.bytes() / r.ms / 1e6;
            Row peer = peers.get(r.group());
            System.out.printf("| %s | %s | %s | %.3f ± %.3f | %s | %s | %s | %s |%n", r.bench, shown, r.impl(), r.ms, r.err,
                    gflops > 0 ? String.format("%.1f", gflops) : "", gbps > 0 ? String.format("%.1f", gbps) : "",
                    gflops > 0 && peak > 0 && !r.bench.equals("FmaPeakBench") ? String.format("%.0f%%", 100 * gflops / peak) : "",
                    peer != null ? String.format("%.2fx vs %s", peer.ms / r.ms, peer.impl()) : "");
        }
        if (peak > 0) System.out.printf("%nPeak (FmaPeakBench, best thread count): %.1f GFLOP/s%n", peak);
    }

    static List<Row> read(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file)) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                Map<String, String> params = new LinkedHashMap<>();
                for (Map.Entry<String, String> e : rec.toMap().entrySet()) {
                    if (e.getKey().startsWith("Param: ") && !e.getValue().isEmpty()) params.put(e.getKey().substring(7), e.getValue());
                }
                String name = rec.get("Benchmark");
                String[] parts = name.split("\\.");
                String unit = rec.get("Unit");
                double scale = unit.startsWith("ms") ? 1 : unit.startsWith("us") ? 1e-3 : unit.startsWith("s/") ? 1e3 : Double.NaN;
                rows.add(new Row(parts[parts.length - 2], params, Double.parseDouble(rec.get("Score")) * scale,
                        parseOrNaN(rec.get("Score Error (99.9%)")) * scale));
            }
        }
        return rows;
    }

    private static double parseOrNaN(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
