package hetero.experiments.results;

import hetero.experiments.BadInputException;
import hetero.experiments.sweep.Config;
import hetero.experiments.sweep.ConfigRunner;
import hetero.experiments.workload.Outcome;
import hetero.runtime.backend.Device;
import hetero.runtime.api.Devices;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Re-runs the rows of a result CSV on this machine and says, row by row, whether they agree.
 *
 * <p>A row agrees when
 * <ol>
 * <li>its configuration columns parse and rebuild exactly its {@code config_key};</li>
 * <li>the re-run ends the same way (ok / skipped with the same reason / error);</li>
 * <li>for ok rows: work and memory columns (flops, bytes_moved, unique_params, weight_bytes,
 *     kv_cache_bytes, device_bytes, err_checked) are identical, and each error column is within
 *     {@code errFactor} of the recorded one, or both are below {@code errFloor};</li>
 * <li>timing: absolute times differ between machines, so each ok row is compared as a ratio to a
 *     reference row measured in the same run (the ok row of the same device with the longest
 *     recorded median: long runs are the least noisy), and the re-run's ratio must be within a
 *     factor {@code timeBand} of the recorded ratio. Reference rows are re-run first; a reference
 *     row itself always agrees on timing.</li>
 * </ol>
 */
public final class Reproducer {
    public record Tolerances(double timeBand, double errFactor, double errFloor) {
        public static final Tolerances DEFAULT = new Tolerances(2.0, 4.0, 1e-5);
    }

    public record Verdict(int line, String key, List<String> problems) {
        public boolean agrees() {
            return problems.isEmpty();
        }
    }

    private static final List<String> EXACT = List.of("flops", "bytes_moved", "unique_params", "weight_bytes",
            "kv_cache_bytes", "device_bytes", "err_checked");

    private Reproducer() {
    }

    public static List<Verdict> check(ResultTable csv, Tolerances tol, PrintStream out) {
        ResultTable table = csv.requireCurrentSchema();
        if (table.rows().isEmpty()) throw new BadInputException(table.file() + " has no rows to reproduce");
        out.printf(Locale.ROOT, "reproducing %d rows of %s; tolerances: timing ratio to the device's reference row within x%.2f, "
                + "errors within x%.1f (or both below %.0e), work/memory columns identical%n", table.rows().size(), table.file(),
                tol.timeBand, tol.errFactor, tol.errFloor);
        Environment env = Environment.capture();
        Map<String, double[]> referenceByDevice = new HashMap<>(); // device -> {recorded ms, re-run ms}
        List<Verdict> verdicts = new ArrayList<>();
        try (ConfigRunner runner = new ConfigRunner()) {
            Map<Integer, Outcome> early = new HashMap<>();
            for (int i : referenceRows(table).values()) {
                Map<String, String> r = table.rows().get(i);
                Outcome o = runner.run(ResultSchema.config(r));
                early.put(i, o);
                if (o instanceof Outcome.Ok(var m)) {
                    referenceByDevice.put(r.get("device_id"), new double[]{Double.parseDouble(r.get("median_ms")), m.medianNanos() / 1e6});
                }
            }
            for (int i = 0; i < table.rows().size(); i++) {
                Map<String, String> recorded = table.rows().get(i);
                int line = i + 2;
                String key = recorded.get(ResultSchema.CONFIG_KEY);
                List<String> problems = new ArrayList<>();
                String timing = "";
                Config config = null;
                try {
                    config = ResultSchema.config(recorded);
                    if (!config.key().equals(key)) problems.add("configuration columns (" + config.key() + ") do not match config_key");
                } catch (BadInputException e) {
                    problems.add("configuration columns do not parse: " + e.getMessage());
                }
                if (problems.isEmpty()) {
                    Outcome outcome = early.containsKey(i) ? early.get(i) : runner.run(config);
                    Device device = deviceOrNull(config.device());
                    Map<String, String> now = ResultSchema.row(config, outcome, device, env);
                    compareStatus(recorded, now, problems);
                    if (problems.isEmpty() && outcome instanceof Outcome.Ok) {
                        compareNumbers(recorded, now, tol, problems);
                        timing = compareTiming(config.device(), recorded, now, tol, referenceByDevice, early.containsKey(i), problems);
                    }
                }
                Verdict v = new Verdict(line, key, List.copyOf(problems));
                verdicts.add(v);
                out.println("line " + line + " " + (v.agrees() ? "AGREES   " : "DISAGREES") + " " + key + timing
                        + (v.agrees() ? "" : "\n    " + String.join("\n    ", problems)));
            }
        }
        long agree = verdicts.stream().filter(Verdict::agrees).count();
        out.printf(Locale.ROOT, "%d of %d rows agree%s%n", agree, verdicts.size(), agree == verdicts.size() ? "" : "; " + (verdicts.size() - agree) + " disagree");
        return verdicts;
    }

    /**
     * Per device, the index of the ok row with the longest recorded median whose configuration
     * columns are intact (a tampered row must not become everyone's reference).
     */
    static Map<String, Integer> referenceRows(ResultTable table) {
        Map<String, Integer> best = new HashMap<>();
        Map<String, Double> bestMs = new HashMap<>();
        for (int i = 0; i < table.rows().size(); i++) {
            Map<String, String> r = table.rows().get(i);
            if (!"ok".equals(r.get(ResultSchema.STATUS))) continue;
            try {
                Config c = ResultSchema.config(r);
                if (!c.key().equals(r.get(ResultSchema.CONFIG_KEY))) continue;
                double ms = Double.parseDouble(r.get("median_ms"));
                if (ms > bestMs.getOrDefault(c.device(), -1.0)) {
                    bestMs.put(c.device(), ms);
                    best.put(c.device(), i);
                }
            } catch (BadInputException | NumberFormatException e) {
                // not usable as a reference; its own verdict will say why
            }
        }
        return best;
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

    private static void compareStatus(Map<String, String> recorded, Map<String, String> now, List<String> problems) {
        String was = recorded.get(ResultSchema.STATUS), is = now.get(ResultSchema.STATUS);
        boolean same = kind(was).equals("skipped") || kind(is).equals("skipped") ? was.equals(is) : kind(was).equals(kind(is));
        if (!same) problems.add("status was '" + was + "', re-run gives '" + is + "'");
    }

    private static void compareNumbers(Map<String, String> recorded, Map<String, String> now, Tolerances tol, List<String> problems) {
        for (String col : EXACT) {
            if (!Objects.equals(recorded.get(col), now.get(col))) {
                problems.add(col + " was '" + recorded.get(col) + "', re-run gives '" + now.get(col) + "'");
            }
        }
        for (String col : List.of("max_abs_err", "max_rel_err")) {
            String was = recorded.get(col), is = now.get(col);
            if (was.isEmpty() && is.isEmpty()) continue;
            try {
                double a = Double.parseDouble(was), b = Double.parseDouble(is);
                boolean bothSmall = a <= tol.errFloor && b <= tol.errFloor;
                boolean close = a > 0 && b > 0 && Math.max(a / b, b / a) <= tol.errFactor;
                if (!(bothSmall || close || a == b)) problems.add(col + " was " + was + ", re-run gives " + is);
            } catch (NumberFormatException e) {
                problems.add(col + " was '" + was + "', re-run gives '" + is + "'");
            }
        }
    }

    private static String compareTiming(String device, Map<String, String> recorded, Map<String, String> now, Tolerances tol,
                                        Map<String, double[]> refs, boolean isReference, List<String> problems) {
        double was, is;
        try {
            was = Double.parseDouble(recorded.get("median_ms"));
            is = Double.parseDouble(now.get("median_ms"));
        } catch (NumberFormatException e) {
            problems.add("median_ms '" + recorded.get("median_ms") + "' is not a number");
            return "";
        }
        double[] ref = refs.get(device);
        if (isReference) {
            return String.format(Locale.ROOT, " [timing reference for %s: %.4g ms recorded, %.4g ms now]", device, was, is);
        }
        if (ref == null) {
            problems.add("no timing reference: the reference row of " + device + " did not run");
            return "";
        }
        double wasRatio = was / ref[0], isRatio = is / ref[1];
        double drift = isRatio / wasRatio;
        String text = String.format(Locale.ROOT, " [time/reference: recorded %.3g, now %.3g]", wasRatio, isRatio);
        if (!(drift <= tol.timeBand && drift >= 1 / tol.timeBand)) {
            problems.add(String.format(Locale.ROOT, "time relative to the reference row changed by x%.2f (band x%.2f)", drift, tol.timeBand));
        }
        return text;
    }
}
