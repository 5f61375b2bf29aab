package hetero.experiments.results;

import hetero.experiments.sweep.Config;
import hetero.experiments.sweep.Param;
import hetero.experiments.workload.Accuracy;
import hetero.experiments.workload.Costs;
import hetero.experiments.workload.Measurement;
import hetero.experiments.workload.Outcome;
import hetero.runtime.backend.Device;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The result CSV's columns, in order. One row per (configuration, device).
 *
 * <ul>
 * <li>{@code config_key}: the row's identity (see {@link Config#key()}); then one column per
 *     {@link Param}: workload, scheme, variant, mask, attention, scoring, layers, d_model, d_ff, heads, kv_heads, d_head,
 *     batch, seq, device_id, warmups, iterations, seed, timeout_s.</li>
 * <li>{@code status}: {@code ok}, {@code skipped: reason} or {@code error: message}. Only ok rows
 *     have measurements; the other cells are empty.</li>
 * <li>{@code median_ms p5_ms p95_ms min_ms}: end-to-end wall time per iteration (host clock around
 *     one {@code plan.execute()}, transfers included); {@code iter_ms}: every iteration, {@code ;}-separated.</li>
 * <li>{@code compile_ms}: JIT + driver build in the first run (not a warmup, not timed).
 *     {@code copy_in_ms kernel_ms copy_out_ms}: medians of the ExecutionResult's profile.</li>
 * <li>{@code flops bytes_moved}: per iteration, as the workload counts them;
 *     {@code gflops = flops / median / 1e9}, {@code gbps = bytes_moved / median / 1e9}
 *     (end-to-end: use kernel_ms for kernel-only throughput).</li>
 * <li>{@code unique_params weight_bytes device_bytes kv_cache_bytes}: empty where meaningless.</li>
 * <li>{@code max_abs_err max_rel_err err_checked}: against a float64 reference; err_checked is
 *     {@code full}, {@code sample} or {@code none}. {@code diff_vs_softmax} (linear and local attention only):
 *     the largest |output - exact softmax attention| over the same checked rows and inputs, a property of the
 *     approximation, not an error of the kernel.</li>
 * <li>environment: device_name backend driver_version jdk os cpu_model cores git_commit git_dirty
 *     timestamp (UTC, ISO-8601) harness_version host slurm_job (see {@link Environment}).</li>
 * </ul>
 */
public final class ResultSchema {
    public static final String CONFIG_KEY = "config_key";
    public static final String STATUS = "status";
    public static final String HOST = "host";
    public static final String SLURM_JOB = "slurm_job";

    static final List<String> MEASURED = List.of("median_ms", "p5_ms", "p95_ms", "min_ms", "iter_ms",
            "compile_ms", "copy_in_ms", "kernel_ms", "copy_out_ms", "flops", "bytes_moved", "gflops", "gbps",
            "unique_params", "weight_bytes", "device_bytes", "kv_cache_bytes", "max_abs_err", "max_rel_err", "err_checked", "diff_vs_softmax");
    static final List<String> ENVIRONMENT = List.of("device_name", "backend", "driver_version", "jdk", "os", "cpu_model",
            "cores", "git_commit", "git_dirty", "timestamp", "harness_version", HOST, SLURM_JOB);

    /**
     * Columns harness version 2 appended. A CSV written before them (the committed references) is read as if
     * they were empty, see {@link ResultTable#read}; resuming such a file is refused (its rows would be shorter).
     */
    static final List<String> ADDED_IN_VERSION_2 = List.of(HOST, SLURM_JOB);

    public static final List<String> COLUMNS = columns();

    /** Columns added in harness version 3 (the attention, scoring and dHead axes); see {@link ResultTable#read}. */
    static final List<String> ADDED_IN_VERSION_3 = List.of(Param.ATTENTION.column, Param.SCORING.column, Param.D_HEAD.column, "diff_vs_softmax");

    private ResultSchema() {
    }

    private static List<String> columns() {
        List<String> c = new ArrayList<>();
        c.add(CONFIG_KEY);
        for (Param p : Param.values()) if (p.inKey) c.add(p.column);
        c.add(STATUS);
        for (Param p : Param.values()) if (!p.inKey) c.add(p.column);
        c.addAll(MEASURED);
        c.addAll(ENVIRONMENT);
        return List.copyOf(c);
    }

    /** One complete row; every column present (empty string where not applicable). */
    public static Map<String, String> row(Config c, Outcome outcome, Device device, Environment env) {
        Map<String, String> row = new LinkedHashMap<>();
        for (String col : COLUMNS) row.put(col, "");
        row.put(CONFIG_KEY, c.key());
        for (Param p : Param.values()) row.put(p.column, c.string(p));
        row.put(STATUS, outcome.status());
        if (outcome instanceof Outcome.Ok(Measurement m)) measured(row, m);
        if (device != null) {
            row.put("device_name", device.name());
            row.put("backend", device.backend());
            row.put("driver_version", device.driver());
        }
        row.put("jdk", env.jdk());
        row.put("os", env.os());
        row.put("cpu_model", env.cpuModel());
        row.put("cores", Integer.toString(env.cores()));
        row.put("git_commit", env.gitCommit());
        row.put("git_dirty", Boolean.toString(env.gitDirty()));
        row.put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        row.put("harness_version", Environment.HARNESS_VERSION);
        row.put(HOST, env.host());
        row.put(SLURM_JOB, env.slurmJob());
        return row;
    }

    private static void measured(Map<String, String> row, Measurement m) {
        row.put("median_ms", ms(m.medianNanos()));
        row.put("p5_ms", ms(m.percentile(5)));
        row.put("p95_ms", ms(m.percentile(95)));
        row.put("min_ms", ms(m.minNanos()));
        row.put("iter_ms", m.wallNanos().stream().map(ns -> ms(ns)).collect(Collectors.joining(";")));
        row.put("compile_ms", ms(m.compileNanos()));
        row.put("copy_in_ms", ms(m.copyInNanos()));
        row.put("kernel_ms", ms(m.kernelNanos()));
        row.put("copy_out_ms", ms(m.copyOutNanos()));
        Costs k = m.costs();
        row.put("flops", Long.toString(k.flops()));
        row.put("bytes_moved", Long.toString(k.bytesMoved()));
        row.put("gflops", num(m.gflops()));
        row.put("gbps", num(m.gbps()));
        row.put("unique_params", count(k.uniqueParams()));
        row.put("weight_bytes", count(k.weightBytes()));
        row.put("device_bytes", Long.toString(m.deviceBytes()));
        row.put("kv_cache_bytes", count(k.kvCacheBytes()));
        Accuracy a = m.accuracy();
        if (a.checked() != Accuracy.Checked.NONE) {
            row.put("max_abs_err", String.format(Locale.ROOT, "%.4e", a.maxAbs()));
            row.put("max_rel_err", String.format(Locale.ROOT, "%.4e", a.maxRel()));
        }
        row.put("err_checked", a.checked().name().toLowerCase(Locale.ROOT));
        if (!Double.isNaN(a.diffVsSoftmax())) row.put("diff_vs_softmax", String.format(Locale.ROOT, "%.4e", a.diffVsSoftmax()));
    }

    private static String ms(double nanos) {
        return num(nanos / 1e6);
    }

    /** Six significant digits: more than any timing here deserves, and parseable by Double.parseDouble. */
    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v).replaceFirst("(\\.\\d*?)0+(e|$)", "$1$2").replaceFirst("\\.(e|$)", "$1") : Double.toString(v);
    }

    private static String count(long v) {
        return v == Costs.NOT_APPLICABLE ? "" : Long.toString(v);
    }

    /** The configuration a row describes, parsed back from its parameter columns. */
    public static Config config(Map<String, String> row) {
        Map<Param, String> raw = new EnumMap<>(Param.class);
        for (Param p : Param.values()) {
            String v = row.get(p.column);
            if (v != null && !v.isEmpty()) raw.put(p, v);
        }
        return Config.parse(raw);
    }
}
