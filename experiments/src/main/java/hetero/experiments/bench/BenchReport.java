package hetero.experiments.bench;

import hetero.experiments.workload.Measurement;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns JMH CSV result files (lab bench --format CSV) into Markdown: time per op, GFLOP/s or GB/s
 * from the formulas below, the ratio to a peer measured in the same run, ours/ORT where ONNX
 * Runtime ran, and % of the fp32 peak when FmaPeakBench (all cores) ran in the same files.
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
 * <p>Several files are several runs (rounds, e.g. {@code lab bench --rounds 3}): a row's time is
 * the median over the runs, and a ratio is taken within each run (both sides measured in that run)
 * and then the median of those per-run ratios, so load that changes between runs cancels out.
 * {@code --ort-table} prints only the same-run ONNX Runtime table of benchmarks/README.md: per
 * workload, ORT, each of our kernels on the device, the best of them and ours/ORT.
 *
 * <pre>java -cp ... hetero.experiments.bench.BenchReport [--ort-table] results/jmh.csv [more runs...]</pre>
 */
public final class BenchReport {
    private static final Map<String, String> PEER = Map.of("GemmBench", "clblast", "AttentionBench", "unfused",
            "FeedForwardBench", "UNFUSED", "SoftmaxBench", "ROW_PER_ITEM", "NormBench", "layerNorm_ROW");
    /** The ONNX Runtime peer's impl name (GemmBench, AttentionBench). */
    static final String ORT = "ort";
    /** Peers that are not our kernels: never the "best ours" in the ORT table. */
    private static final Set<String> NOT_OURS = Set.of(ORT, "clblast", "vector");

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

        String key() {
            return group() + "/" + impl();
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

        /** The workload in words, for the ORT table. */
        String workload() {
            return switch (bench) {
                case "GemmBench" -> "SGEMM " + i("size") + "^3";
                case "AttentionBench" -> "attention B=1 H=" + i("heads") + " D=" + i("dHead") + " S=" + i("seq")
                        + (Boolean.parseBoolean(params.get("causal")) ? " causal" : " no mask");
                default -> group();
            };
        }
    }

    /** One (workload, impl) over all runs: its times, and its per-run time ratios peer/this. */
    static final class Summary {
        final Row first;
        final List<Double> ms = new ArrayList<>();
        final Map<String, List<Double>> ratios = new TreeMap<>();

        Summary(Row first) {
            this.first = first;
        }

        double medianMs() {
            return median(ms);
        }

        double gflops() {
            return first.flops() / medianMs() / 1e6;
        }

        double gbps() {
            return first.bytes() / medianMs() / 1e6;
        }

        /** "0.41x" for one run, "0.41x (0.38-0.45, 3 runs)" for several; "" when the peer never ran beside it. */
        String ratio(String peer) {
            List<Double> r = ratios.getOrDefault(peer, List.of());
            if (r.isEmpty()) return "";
            if (r.size() == 1) return String.format("%.2fx", r.get(0));
            return String.format("%.2fx (%.2f-%.2f, %d runs)", median(r), r.stream().mapToDouble(d -> d).min().orElseThrow(),
                    r.stream().mapToDouble(d -> d).max().orElseThrow(), r.size());
        }
    }

    public static void main(String[] args) throws IOException {
        boolean ortTable = false;
        List<Path> files = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--ort-table")) ortTable = true;
            else files.add(Path.of(a));
        }
        if (files.isEmpty()) files.add(Path.of("results/jmh.csv"));
        List<List<Row>> runs = new ArrayList<>();
        for (Path f : files) {
            try {
                runs.add(read(f));
            } catch (IOException | IllegalArgumentException | IllegalStateException e) {
                // bad input: name the file and the problem, exit 2 as the lab CLI does
                System.err.println("BenchReport: cannot read " + f + " as a JMH CSV result file: " + e);
                System.exit(2);
            }
        }
        System.out.print(ortTable ? ortTable(runs) : table(runs));
    }

    /**
     * Every (workload, impl) over the runs, in first-seen order, with the ratios to its bench's peer
     * and to ORT computed inside each run.
     */
    static Map<String, Summary> summarize(List<List<Row>> runs) {
        Map<String, Summary> all = new LinkedHashMap<>();
        for (List<Row> run : runs) {
            Map<String, Row> byKey = new LinkedHashMap<>();
            for (Row r : run) byKey.put(r.key(), r);
            for (Row r : run) {
                Summary s = all.computeIfAbsent(r.key(), k -> new Summary(r));
                s.ms.add(r.ms);
                for (String peer : new String[]{PEER.get(r.bench), ORT}) {
                    Row p = peer == null ? null : byKey.get(r.group() + "/" + peer);
                    if (p != null) s.ratios.computeIfAbsent(peer, k -> new ArrayList<>()).add(p.ms / r.ms);
                }
            }
        }
        return all;
    }

    static String table(List<List<Row>> runs) {
        Map<String, Summary> all = summarize(runs);
        double peak = 0;
        for (Summary s : all.values()) if (s.first.bench.equals("FmaPeakBench")) peak = Math.max(peak, s.gflops());
        StringBuilder out = new StringBuilder();
        out.append(runs.size() == 1 ? "| benchmark | params | impl | ms/op (± 99.9%) "
                : "| benchmark | params | impl | ms/op (median of " + runs.size() + " runs, min-max) ");
        out.append("| GFLOP/s | GB/s | % of peak | time ratio peer/this | ours/ORT (time ORT/this) |\n|---|---|---|---|---|---|---|---|---|\n");
        for (Summary s : all.values()) {
            Row r = s.first;
            Map<String, String> shown = new TreeMap<>(r.params);
            shown.remove("impl");
            double gflops = s.gflops(), gbps = s.gbps();
            String time = runs.size() == 1 ? String.format("%.3f ± %.3f", r.ms, r.err)
                    : String.format("%.3f (%.3f-%.3f)", s.medianMs(), s.ms.stream().mapToDouble(d -> d).min().orElseThrow(),
                    s.ms.stream().mapToDouble(d -> d).max().orElseThrow());
            String peer = PEER.get(r.bench);
            out.append(String.format("| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", r.bench, shown, r.impl(), time,
                    gflops > 0 ? String.format("%.1f", gflops) : "", gbps > 0 ? String.format("%.1f", gbps) : "",
                    gflops > 0 && peak > 0 && !r.bench.equals("FmaPeakBench") ? String.format("%.0f%%", 100 * gflops / peak) : "",
                    peer != null && !s.ratio(peer).isEmpty() ? s.ratio(peer) + " vs " + peer : "",
                    r.impl().equals(ORT) ? "" : s.ratio(ORT)));
        }
        if (peak > 0) out.append(String.format("%nPeak (FmaPeakBench, best thread count): %.1f GFLOP/s%n", peak));
        return out.toString();
    }

    /**
     * The same-run table with ONNX Runtime: one line per workload where ORT ran, ORT's GFLOP/s,
     * every one of our kernels (not the other peers), the fastest of them and its ours/ORT ratio.
     */
    static String ortTable(List<List<Row>> runs) {
        Map<String, Summary> all = summarize(runs);
        Map<String, List<Summary>> byGroup = new LinkedHashMap<>();
        for (Summary s : all.values()) byGroup.computeIfAbsent(s.first.group(), k -> new ArrayList<>()).add(s);
        StringBuilder out = new StringBuilder("| workload | ONNX Runtime GFLOP/s | ours, best variant GFLOP/s | ours/ORT | our variants GFLOP/s |\n"
                + "|---|---|---|---|---|\n");
        List<List<Summary>> groups = new ArrayList<>(byGroup.values());
        groups.sort(Comparator.comparing((List<Summary> g) -> g.get(0).first, WORKLOAD_ORDER));
        for (List<Summary> group : groups) {
            Summary ort = group.stream().filter(s -> s.first.impl().equals(ORT)).findFirst().orElse(null);
            List<Summary> ours = group.stream().filter(s -> !NOT_OURS.contains(s.first.impl())).toList();
            if (ort == null || ours.isEmpty()) continue;
            Summary best = ours.stream().max(Comparator.comparingDouble(Summary::gflops)).orElseThrow();
            StringBuilder variants = new StringBuilder();
            for (Summary s : ours) variants.append(variants.isEmpty() ? "" : ", ").append(String.format("%s %.1f", s.first.impl(), s.gflops()));
            out.append(String.format("| %s | %.1f | %s %.1f | %s | %s |%n", ort.first.workload(), ort.gflops(), best.first.impl(), best.gflops(),
                    best.ratio(ORT), variants));
        }
        return out.toString();
    }

    /** GEMM before attention, then by size or sequence length (numerically), no mask before causal. */
    private static final Comparator<Row> WORKLOAD_ORDER = Comparator
            .comparingInt((Row r) -> r.bench.equals("GemmBench") ? 0 : r.bench.equals("AttentionBench") ? 1 : 2)
            .thenComparingLong(r -> r.params.containsKey("size") ? r.i("size") : r.params.containsKey("seq") ? r.i("seq") : 0)
            .thenComparing(r -> Boolean.parseBoolean(r.params.get("causal")))
            .thenComparing(Row::group);

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(d -> d).sorted().toArray();
        return Measurement.percentile(sorted, 50);
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
