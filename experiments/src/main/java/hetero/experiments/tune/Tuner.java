package hetero.experiments.tune;

import hetero.experiments.sweep.Config;
import hetero.experiments.sweep.ConfigRunner;
import hetero.experiments.sweep.Param;
import hetero.experiments.workload.AttentionWorkload;
import hetero.experiments.workload.DecodeAttentionWorkload;
import hetero.experiments.workload.GemmWorkload;
import hetero.experiments.workload.LayerNormWorkload;
import hetero.experiments.workload.Measurement;
import hetero.experiments.workload.Outcome;
import hetero.kernels.AttentionLaunch;
import hetero.kernels.VariantNames;
import hetero.kernels.tuning.Tuning;
import hetero.kernels.tuning.TuningFile.Entry;
import hetero.kernels.tuning.TuningFile.Op;
import hetero.runtime.backend.Device;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code lab tune} does: for one device, every variant of the kernel library's enums ({@link Op#variants}, so a
 * constant added there is measured with no change here) on each shape family, through the sweep's own workloads and
 * timing loop ({@link ConfigRunner}, in this JVM), each result checked against its float64 reference. The fastest ok
 * variant of each family is marked chosen, by its fastest run ({@link Entry#bestMs()}: on a shared machine other
 * processes only ever add time, so the minimum ranks the kernels, where a median of few runs ranks the interference); a variant whose
 * error exceeds {@link #MAX_ABS_ERROR} is an error row and never chosen.
 */
public final class Tuner {
    /** Far above float rounding for these shapes (1e-6..1e-4), far below what a wrong kernel gives (O(1)). */
    public static final double MAX_ABS_ERROR = 1e-2;

    /**
     * A shape family: the op, its name, the workload configuration it runs (variant left open) and its work.
     *
     * @param settings the sweep parameters of the family's configuration (workload, batch, seq, dModel, heads, mask)
     */
    public record Family(Op op, String name, String shape, boolean causal, double flops, Map<Param, Object> settings) {
        Config config(Enum<?> variant, Device device, int warmups, int iterations, int timeoutSeconds) {
            Map<Param, Object> v = new EnumMap<>(settings);
            v.put(Param.VARIANT, VariantNames.of(variant));
            v.put(Param.DEVICE, device.id());
            v.put(Param.WARMUPS, warmups);
            v.put(Param.ITERATIONS, iterations);
            v.put(Param.TIMEOUT, timeoutSeconds);
            return Config.of(v);
        }
    }

    private Tuner() {
    }

    /**
     * The shape families. Short run: GEMM small / medium / large (m x n x k = 128x256x256, 512x768x768, 1024^3),
     * attention short / long (batch 1, 8 heads, dHead 64, seq 128 / 1024) with and without the causal mask, decode
     * short / long (16 heads, dHead 64, cache 512 / 4096), LayerNorm small / large (128 x 512, 2048 x 1024). Full run:
     * also GEMM 2048^3, attention seq 512 and 4096, decode cache 16384.
     */
    public static List<Family> families(boolean full) {
        List<Family> f = new ArrayList<>();
        gemm(f, "small", 128, 256);
        gemm(f, "medium", 512, 768);
        gemm(f, "large", 1024, 1024);
        if (full) gemm(f, "xlarge", 2048, 2048);
        for (boolean causal : new boolean[] {false, true}) {
            attention(f, "short", 128, causal);
            if (full) attention(f, "medium", 512, causal);
            attention(f, "long", 1024, causal);
            if (full) attention(f, "xlong", 4096, causal);
        }
        decode(f, "short", 512);
        decode(f, "long", 4096);
        if (full) decode(f, "xlong", 16384);
        norm(f, "small", 128, 512);
        norm(f, "large", 2048, 1024);
        return List.copyOf(f);
    }

    private static Map<Param, Object> settings(String workload, int seq, int dModel, int heads, String mask) {
        Map<Param, Object> s = new EnumMap<>(Param.class);
        s.put(Param.WORKLOAD, workload);
        s.put(Param.BATCH, 1);
        s.put(Param.SEQ, seq);
        s.put(Param.D_MODEL, dModel);
        s.put(Param.HEADS, heads);
        s.put(Param.MASK, mask);
        return s;
    }

    /** m = seq rows, n = k = dModel, as {@link GemmWorkload} runs it. */
    private static void gemm(List<Family> f, String name, int m, int nk) {
        f.add(new Family(Op.GEMM, name, m + "x" + nk + "x" + nk, false, Tuning.gemmFlops(m, nk, nk), settings(GemmWorkload.NAME, m, nk, 8, "none")));
    }

    private static void attention(List<Family> f, String name, int seq, boolean causal) {
        AttentionLaunch.Shape s = AttentionLaunch.Shape.of(1, 8, 8, seq, seq, 64).causal(causal);
        f.add(new Family(Op.ATTENTION, name, "batch 1 heads 8 seq " + seq + " dHead 64", causal, Tuning.attentionFlops(s),
                settings(AttentionWorkload.NAME, seq, 512, 8, causal ? "causal" : "none")));
    }

    private static void decode(List<Family> f, String name, int cache) {
        AttentionLaunch.Shape s = AttentionLaunch.Shape.of(1, 16, 16, 1, cache, 64);
        f.add(new Family(Op.DECODE, name, "batch 1 heads 16 cache " + cache + " dHead 64", false, Tuning.decodeFlops(s, cache),
                settings(DecodeAttentionWorkload.NAME, cache, 1024, 16, "none")));
    }

    private static void norm(List<Family> f, String name, int rows, int cols) {
        f.add(new Family(Op.NORM, name, rows + "x" + cols, false, Tuning.normFlops(rows, cols), settings(LayerNormWorkload.NAME, rows, cols, 8, "none")));
    }

    /**
     * Measures every variant of every family on {@code device}; one line per measurement on {@code log}. Families of an
     * op (and mask) are listed smallest first; with {@code prune > 0}, a variant more than {@code prune} times slower
     * than the fastest on the previous family of its op is not measured on the larger ones (a skipped row says so), so
     * hopeless variants (the naive GEMM on a CPU) do not take most of the time.
     */
    public static List<Entry> run(Device device, List<Family> families, int warmups, int iterations, int timeoutSeconds, double prune,
                                  PrintStream log) {
        List<Entry> entries = new ArrayList<>();
        Map<String, List<Entry>> previous = new java.util.HashMap<>();
        try (ConfigRunner runner = new ConfigRunner()) {
            for (Family family : families) {
                List<Entry> measured = new ArrayList<>();
                List<Entry> before = previous.getOrDefault(family.op() + " " + family.causal(), List.of());
                for (Enum<?> variant : family.op().variants.getEnumConstants()) {
                    String hopeless = prune > 0 ? tooSlow(before, variant, prune) : null;
                    Config c = family.config(variant, device, warmups, iterations, timeoutSeconds);
                    Entry e = entry(family, variant, hopeless != null ? new Outcome.Skipped(hopeless) : runner.run(c));
                    log.printf("%-9s %-7s %-6s %-12s %s%n", family.op().label(), family.name(), family.causal() ? "causal" : "", VariantNames.of(variant),
                            e.ok() ? String.format("%10.3f ms min %10.3f median  %8.2f GFLOP/s  err %.2g", e.minMs(), e.medianMs(), e.gflops(), e.maxAbsErr()) : e.status());
                    log.flush();
                    measured.add(e);
                }
                entries.addAll(markFastest(measured));
                previous.put(family.op() + " " + family.causal(), measured);
            }
        }
        return entries;
    }

    /** Why {@code variant} is not worth measuring after {@code before} (the previous family's rows), or null. */
    static String tooSlow(List<Entry> before, Enum<?> variant, double factor) {
        double best = before.stream().filter(Entry::ok).mapToDouble(Entry::bestMs).min().orElse(Double.NaN);
        for (Entry e : before) {
            if (e.variant() != variant) continue;
            if (e.status().startsWith("skipped: not measured")) return e.status().substring("skipped: ".length());   // pruned before: same reason
            if (!e.ok()) return "not measured: " + e.status() + " on family " + e.family();
            if (e.bestMs() > factor * best) {
                return String.format(java.util.Locale.ROOT, "not measured: %.0fx slower than the fastest on family %s (prune factor %.0f)",
                        e.bestMs() / best, e.family(), factor);
            }
        }
        return null;
    }

    static Entry entry(Family f, Enum<?> variant, Outcome o) {
        double nan = Double.NaN;
        if (!(o instanceof Outcome.Ok ok)) return new Entry(f.op(), f.name(), f.shape(), f.causal(), f.flops(), variant, o.status(), nan, nan, nan, nan, false);
        Measurement m = ok.measurement();
        double median = m.medianNanos() / 1e6, err = m.accuracy().maxAbs();
        String status = err > MAX_ABS_ERROR ? String.format("error: wrong result, max_abs_err %.3g above %.0e", err, MAX_ABS_ERROR) : "ok";
        return new Entry(f.op(), f.name(), f.shape(), f.causal(), f.flops(), variant, status, median, m.minNanos() / 1e6,
                f.flops() / (median * 1e6), err, false);
    }

    /** The same rows, the fastest ok one ({@link Entry#bestMs()}) marked chosen. */
    static List<Entry> markFastest(List<Entry> family) {
        Entry best = family.stream().filter(Entry::ok).min(Comparator.comparingDouble(Entry::bestMs)).orElse(null);
        List<Entry> out = new ArrayList<>();
        for (Entry e : family) {
            out.add(e != best ? e : new Entry(e.op(), e.family(), e.shape(), e.causal(), e.flops(), e.variant(), e.status(), e.medianMs(), e.minMs(),
                    e.gflops(), e.maxAbsErr(), true));
        }
        return out;
    }
}
