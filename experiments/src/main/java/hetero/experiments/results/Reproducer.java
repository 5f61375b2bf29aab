package hetero.experiments.results;

import hetero.experiments.BadInputException;
import hetero.experiments.sweep.Config;
import hetero.experiments.sweep.ConfigRunner;
import hetero.experiments.sweep.Param;
import hetero.experiments.workload.Measurement;
import hetero.experiments.workload.Outcome;
import hetero.runtime.api.Devices;
import hetero.runtime.backend.Device;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * Re-runs rows of a result CSV on this machine and says, row by row, whether they agree.
 *
 * <p>Every selected row is first checked on its own, without running anything:
 * <ul>
 * <li>its configuration columns rebuild its {@code config_key}, and no other row has that key;</li>
 * <li>derived columns are recomputed from their inputs: {@code median_ms p5_ms p95_ms min_ms} from
 *     {@code iter_ms}, {@code gflops = flops / median}, {@code gbps = bytes_moved / median};
 *     {@code kernel_ms} is at most the slowest iteration; {@code max_abs_err} is 0 exactly when
 *     {@code max_rel_err} is.</li>
 * </ul>
 * Then it is re-run here and compared:
 * <ul>
 * <li>it ends the same way (ok / skipped with the same reason / error);</li>
 * <li>work and memory columns are identical; each error column is re-measured and must be within
 *     {@code errFactor} of the recorded one or both at most {@code errFloor}, and zero only if the
 *     recorded one is zero (a recorded 0 against a real error is caught);</li>
 * <li>timing, against a noise model measured in this run: a fixed calibration kernel
 *     ({@link #calibration}) is timed on the row's device right before the row, so the load of this
 *     machine at that moment is known. The row's ratio (re-run median / recorded median) is divided
 *     by that load (calibration time / the calibration's median over the run) and by the
 *     device's machine factor (the median of those load-corrected ratios over the device's rows,
 *     with the device's three longest rows re-run as anchors when only a few rows are checked).
 *     The result must lie within a band of {@code timeBand} times the calibration's own spread in
 *     this run (its 5-95% range) times the row's iteration spread (p95/p5, recorded and now).
 *     {@code kernel_ms}'s share of the median is judged the same way, with twice that band.</li>
 * </ul>
 */
public final class Reproducer {
    /**
     * @param timeBand  the smallest allowed timing factor after noise correction (the band grows with the measured noise)
     * @param errFactor allowed factor between recorded and re-measured errors
     * @param errFloor  errors both at most this agree (unless exactly one is 0)
     */
    public record Tolerances(double timeBand, double errFactor, double errFloor) {
        public static final Tolerances DEFAULT = new Tolerances(1.5, 4.0, 1e-5);
    }

    public record Verdict(int line, String key, List<String> problems) {
        public boolean agrees() {
            return problems.isEmpty();
        }
    }

    private static final List<String> EXACT = List.of("flops", "bytes_moved", "unique_params", "weight_bytes",
            "kv_cache_bytes", "device_bytes", "err_checked");
    /** Rows of a device re-run as timing anchors when the selection holds fewer than this many of its ok rows. */
    private static final int ANCHORS = 3;
    private static final double DERIVED_REL = 2e-4;

    private Reproducer() {
    }

    /** The fixed kernel timed before every row: a naive GEMM of 128 x 256 x 256 (17 MFLOP), milliseconds on any device. */
    static Config calibration(String device) {
        return Config.of(Map.of(Param.WORKLOAD, "gemm", Param.VARIANT, "naive", Param.SEQ, 128, Param.D_MODEL, 256,
                Param.HEADS, 1, Param.WARMUPS, 1, Param.ITERATIONS, 5, Param.DEVICE, device, Param.TIMEOUT, 60));
    }

    /** All rows, re-run in this JVM. */
    public static List<Verdict> check(ResultTable table, Tolerances tol, PrintStream out) {
        try (ConfigRunner runner = new ConfigRunner()) {
            return check(table, i -> true, tol, runner, out);
        }
    }

    /**
     * @param selected which rows (0-based indices into {@code table.rows()}) to check
     */
    public static List<Verdict> check(ResultTable table, IntPredicate selected, Tolerances tol, ConfigRunner runner, PrintStream out) {
        table.requireCurrentSchema();
        List<Map<String, String>> rows = table.rows();
        if (rows.isEmpty()) throw new BadInputException(table.file() + " has no rows to reproduce");
        List<Integer> chosen = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) if (selected.test(i)) chosen.add(i);
        if (chosen.isEmpty()) throw new BadInputException("no row of " + table.file() + " matches the selection (--rows / --filter)");
        out.printf(Locale.ROOT, "reproducing %d of %d rows of %s; timing judged against a calibration kernel timed before each row "
                + "(band x%.2f times the measured noise), errors re-measured (within x%.1f, or both at most %.0e), derived columns recomputed%n",
                chosen.size(), rows.size(), table.file(), tol.timeBand, tol.errFactor, tol.errFloor);

        Map<String, Integer> firstLineOfKey = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) firstLineOfKey.putIfAbsent(rows.get(i).get(ResultSchema.CONFIG_KEY), i + 2);

        Environment env = Environment.capture();
        Map<Integer, Rerun> reruns = new LinkedHashMap<>();
        Map<Integer, List<String>> problems = new LinkedHashMap<>();
        for (int i : chosen) problems.put(i, new ArrayList<>(staticProblems(rows.get(i), i + 2, firstLineOfKey, tol)));
        List<Integer> toRun = new ArrayList<>();
        for (int i : chosen) if (problems.get(i).isEmpty()) toRun.add(i);
        toRun.addAll(anchors(rows, toRun));
        Map<String, Double> calibrationNow = new HashMap<>();
        long started = System.nanoTime();
        int done = 0;
        for (int i : toRun) {
            if (done > 0 && done % 20 == 0) {
                double perRow = (System.nanoTime() - started) / 1e9 / done;
                out.printf(Locale.ROOT, "re-ran %d of %d rows (about %.0f s left)%n", done, toRun.size(), perRow * (toRun.size() - done));
            }
            done++;
            Map<String, String> recorded = rows.get(i);
            Config config = ResultSchema.config(recorded);
            Double load = null;
            if ("ok".equals(recorded.get(ResultSchema.STATUS))) {
                if (calibrationNow.isEmpty()) out.println("timing the calibration kernel before each row ...");
                Outcome cal = runner.run(calibration(config.device()));
                if (cal instanceof Outcome.Ok(Measurement m)) {
                    load = m.medianNanos();
                    calibrationNow.merge(config.device(), 1.0, Double::sum);
                }
            }
            Outcome outcome = runner.run(config);
            reruns.put(i, new Rerun(config, outcome, ResultSchema.row(config, outcome, deviceOrNull(config.device()), env), load));
        }
        NoiseModel noise = NoiseModel.of(rows, reruns);
        List<Verdict> verdicts = new ArrayList<>();
        for (int i : chosen) {
            Map<String, String> recorded = rows.get(i);
            List<String> p = problems.get(i);
            String timing = "";
            Rerun r = reruns.get(i);
            if (r != null) {
                compareStatus(recorded, r.row, p);
                if (p.isEmpty() && r.outcome instanceof Outcome.Ok) {
                    compareNumbers(recorded, r.row, tol, p);
                    timing = noise.judge(i, recorded, r, tol, p);
                }
            }
            Verdict v = new Verdict(i + 2, recorded.get(ResultSchema.CONFIG_KEY), List.copyOf(p));
            verdicts.add(v);
            out.println("line " + v.line() + " " + (v.agrees() ? "AGREES   " : "DISAGREES") + " " + v.key() + timing
                    + (v.agrees() ? "" : "\n    " + String.join("\n    ", p)));
        }
        out.print(noise.describe());
        long agree = verdicts.stream().filter(Verdict::agrees).count();
        out.printf(Locale.ROOT, "%d of %d rows agree%s%n", agree, verdicts.size(), agree == verdicts.size() ? "" : "; " + (verdicts.size() - agree) + " disagree");
        return verdicts;
    }

    private record Rerun(Config config, Outcome outcome, Map<String, String> row, Double calibrationNanos) {
    }

    /** Per device, the longest ok rows not already to be run, so that a few selected rows still have a machine factor. */
    private static List<Integer> anchors(List<Map<String, String>> rows, List<Integer> toRun) {
        Map<String, List<Integer>> byDevice = new HashMap<>();
        Map<String, Integer> selectedOk = new HashMap<>();
        for (int i : toRun) {
            Map<String, String> r = rows.get(i);
            if ("ok".equals(r.get(ResultSchema.STATUS))) selectedOk.merge(r.get("device_id"), 1, Integer::sum);
        }
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> r = rows.get(i);
            if (!"ok".equals(r.get(ResultSchema.STATUS)) || toRun.contains(i) || !selectedOk.containsKey(r.get("device_id"))) continue;
            if (!staticProblems(r, i + 2, Map.of(), Tolerances.DEFAULT).isEmpty()) continue;
            byDevice.computeIfAbsent(r.get("device_id"), k -> new ArrayList<>()).add(i);
        }
        List<Integer> out = new ArrayList<>();
        byDevice.forEach((device, candidates) -> {
            int need = ANCHORS - selectedOk.get(device);
            candidates.sort((a, b) -> Double.compare(number(rows.get(b), "median_ms"), number(rows.get(a), "median_ms")));
            for (int k = 0; k < need && k < candidates.size(); k++) out.add(candidates.get(k));
        });
        return out;
    }

    /** What can be checked without running anything: identity, duplicates, derived columns. */
    static List<String> staticProblems(Map<String, String> row, int line, Map<String, Integer> firstLineOfKey, Tolerances tol) {
        List<String> p = new ArrayList<>();
        String key = row.get(ResultSchema.CONFIG_KEY);
        try {
            Config config = ResultSchema.config(row);
            if (!config.key().equals(key)) p.add("configuration columns (" + config.key() + ") do not match config_key");
        } catch (BadInputException e) {
            p.add("configuration columns do not parse: " + e.getMessage());
        }
        Integer first = firstLineOfKey.get(key);
        if (first != null && first != line) p.add("duplicate row: line " + first + " has the same configuration");
        if (!"ok".equals(row.get(ResultSchema.STATUS)) || !p.isEmpty()) return p;
        try {
            double[] iters = Arrays.stream(row.get("iter_ms").split(";")).mapToDouble(Double::parseDouble).sorted().toArray();
            derived(p, row, "median_ms", percentile(iters, 50));
            derived(p, row, "p5_ms", percentile(iters, 5));
            derived(p, row, "p95_ms", percentile(iters, 95));
            derived(p, row, "min_ms", iters[0]);
            double median = number(row, "median_ms");
            derived(p, row, "gflops", number(row, "flops") / median / 1e6);
            derived(p, row, "gbps", number(row, "bytes_moved") / median / 1e6);
            double kernel = number(row, "kernel_ms"), slowest = iters[iters.length - 1];
            if (kernel > slowest * 1.05 + 1e-3) {
                p.add(String.format(Locale.ROOT, "kernel_ms %s is longer than the slowest whole iteration (%s ms)", row.get("kernel_ms"), fmt(slowest)));
            }
            String abs = row.get("max_abs_err"), rel = row.get("max_rel_err");
            if (!abs.isEmpty() && !rel.isEmpty() && (Double.parseDouble(abs) == 0) != (Double.parseDouble(rel) == 0)) {
                p.add("max_abs_err " + abs + " and max_rel_err " + rel + " contradict each other (one is 0)");
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException | NullPointerException e) {
            p.add("a timing, work or error column is not a number (" + e.getMessage() + ")");
        }
        return p;
    }

    private static void derived(List<String> p, Map<String, String> row, String col, double expected) {
        double got = number(row, col);
        if (!(Math.abs(got - expected) <= DERIVED_REL * Math.abs(expected) + 1e-9)) {
            p.add(col + " is " + row.get(col) + " but its inputs give " + fmt(expected));
        }
    }

    /** Same interpolation as {@link Measurement#percentile}. */
    static double percentile(double[] sorted, double pct) {
        return hetero.experiments.workload.Measurement.percentile(sorted, pct);
    }

    static double number(Map<String, String> row, String col) {
        return Double.parseDouble(row.get(col));
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static Device deviceOrNull(String id) {
        try {
            return Devices.get(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String kind(String status) {
        int colon = status.indexOf(':');
        return colon < 0 ? status.strip() : status.substring(0, colon).strip();
    }

    static void compareStatus(Map<String, String> recorded, Map<String, String> now, List<String> problems) {
        String was = recorded.get(ResultSchema.STATUS), is = now.get(ResultSchema.STATUS);
        boolean same = kind(was).equals("skipped") || kind(is).equals("skipped") ? was.equals(is) : kind(was).equals(kind(is));
        if (!same) problems.add("status was '" + was + "', re-run gives '" + is + "'");
    }

    static void compareNumbers(Map<String, String> recorded, Map<String, String> now, Tolerances tol, List<String> problems) {
        for (String col : EXACT) {
            if (!Objects.equals(recorded.get(col), now.get(col))) {
                problems.add(col + " was '" + recorded.get(col) + "', re-run gives '" + now.get(col) + "'");
            }
        }
        compareErrors(recorded, now, tol, problems);
    }

    /** The error columns: within errFactor, or both at most errFloor; zero only together. */
    static void compareErrors(Map<String, String> recorded, Map<String, String> now, Tolerances tol, List<String> problems) {
        for (String col : List.of("max_abs_err", "max_rel_err")) {
            String was = recorded.get(col), is = now.get(col);
            if (was.isEmpty() && is.isEmpty()) continue;
            try {
                double a = Double.parseDouble(was), b = Double.parseDouble(is);
                boolean bothSmall = a <= tol.errFloor && b <= tol.errFloor && (a == 0) == (b == 0);
                boolean close = a > 0 && b > 0 && Math.max(a / b, b / a) <= tol.errFactor;
                if (!(bothSmall || close || a == b)) problems.add(col + " was " + was + ", re-measured " + is);
            } catch (NumberFormatException e) {
                problems.add(col + " was '" + was + "', re-measured '" + is + "'");
            }
        }
    }

    /** The load of this machine while re-running, from the calibration kernel, and each device's factor against the recording. */
    private record NoiseModel(Map<String, Double> calibrationMedian, Map<String, Double> calibrationSpread, Map<String, Double> machineFactor,
                              Map<Integer, Rerun> reruns) {
        static NoiseModel of(List<Map<String, String>> rows, Map<Integer, Rerun> reruns) {
            Map<String, List<Double>> cal = new HashMap<>();
            reruns.values().forEach(r -> {
                if (r.calibrationNanos != null) cal.computeIfAbsent(r.config.device(), k -> new ArrayList<>()).add(r.calibrationNanos);
            });
            Map<String, Double> median = new HashMap<>(), spread = new HashMap<>();
            cal.forEach((d, v) -> {
                double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                median.put(d, percentile(s, 50));
                spread.put(d, Math.max(1, percentile(s, 95) / percentile(s, 5)));
            });
            Map<String, List<Double>> ratios = new HashMap<>();
            reruns.forEach((i, r) -> {
                Double load = load(r, median);
                if (load == null || !(r.outcome instanceof Outcome.Ok(Measurement m))) return;
                double recorded = number(rows.get(i), "median_ms");
                ratios.computeIfAbsent(r.config.device(), k -> new ArrayList<>()).add(m.medianNanos() / 1e6 / recorded / load);
            });
            Map<String, Double> factor = new HashMap<>();
            ratios.forEach((d, v) -> factor.put(d, percentile(v.stream().mapToDouble(Double::doubleValue).sorted().toArray(), 50)));
            return new NoiseModel(median, spread, factor, reruns);
        }

        private static Double load(Rerun r, Map<String, Double> median) {
            Double m = median.get(r.config.device());
            return r.calibrationNanos == null || m == null ? null : r.calibrationNanos / m;
        }

        String judge(int i, Map<String, String> recorded, Rerun r, Tolerances tol, List<String> problems) {
            Double load = load(r, calibrationMedian);
            Double factor = machineFactor.get(r.config.device());
            if (load == null || factor == null) {
                problems.add("no timing judgement: the calibration kernel did not run on " + r.config.device());
                return "";
            }
            Measurement m = ((Outcome.Ok) r.outcome).measurement();
            double was = number(recorded, "median_ms"), is = m.medianNanos() / 1e6;
            double spreadWas = Math.max(1, number(recorded, "p95_ms") / Math.max(1e-9, number(recorded, "p5_ms")));
            double spreadNow = Math.max(1, m.percentile(95) / Math.max(1, m.percentile(5)));
            double band = tol.timeBand * calibrationSpread.get(r.config.device()) * Math.sqrt(spreadWas * spreadNow);
            double drift = is / was / load / factor;
            if (!(drift <= band && drift >= 1 / band)) {
                problems.add(String.format(Locale.ROOT, "median %s ms now vs %s ms recorded: x%.2f after this machine's factor x%.2f and load x%.2f, outside the noise band x%.2f",
                        fmt(is), fmt(was), drift, factor, load, band));
            }
            double kernelWas = number(recorded, "kernel_ms") / was, kernelNow = m.kernelNanos() / m.medianNanos();
            if (kernelWas > 0 && kernelNow > 0) {
                double shareDrift = kernelNow / kernelWas;
                if (!(shareDrift <= 2 * band && shareDrift >= 1 / (2 * band))) {
                    problems.add(String.format(Locale.ROOT, "kernel_ms is %.0f%% of the median now but %.0f%% recorded (band x%.2f)",
                            100 * kernelNow, 100 * kernelWas, 2 * band));
                }
            }
            return String.format(Locale.ROOT, " [x%.2f after noise correction, band x%.2f]", drift, band);
        }

        String describe() {
            StringBuilder sb = new StringBuilder();
            calibrationMedian.forEach((d, med) -> sb.append(String.format(Locale.ROOT,
                    "noise model %s: calibration kernel %s ms (5-95%% spread x%.2f over %d runs), this machine x%.2f the recording%n",
                    d, fmt(med / 1e6), calibrationSpread.get(d), reruns.values().stream().filter(r -> r.calibrationNanos != null && r.config.device().equals(d)).count(),
                    machineFactor.getOrDefault(d, Double.NaN))));
            return sb.toString();
        }
    }
}
