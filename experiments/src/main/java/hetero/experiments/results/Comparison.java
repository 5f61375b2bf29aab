package hetero.experiments.results;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run's short verdict against the committed reference of the same preset (made on another
 * machine, at another commit): how many common rows agree in correctness (same status, errors
 * close as {@link Reproducer} judges them), the median timing ratio this run / reference with its
 * spread (10th to 90th percentile), and the rows that stand out (correctness differs, or a timing
 * ratio more than {@value #STANDS_OUT}x away from the median ratio of its device). Timings are
 * expected to differ by one machine factor per device (the reference's GPU and CPU need not be
 * this machine's, each by its own factor, as {@link Reproducer} also models it); a row far from its
 * device's factor is worth a look.
 */
public final class Comparison {
    static final double STANDS_OUT = 3.0;
    private static final int LISTED = 10;

    private Comparison() {
    }

    public record Summary(int common, int agreeing, double medianRatio, double p10, double p90, List<String> standOut) {
    }

    public static Summary compare(ResultTable run, ResultTable reference, PrintStream out) {
        Map<String, Map<String, String>> ref = new HashMap<>();
        for (Map<String, String> r : reference.rows()) ref.put(r.get(ResultSchema.CONFIG_KEY), r);
        int common = 0, agreeing = 0;
        List<String> standOut = new ArrayList<>();
        Map<String, Double> ratios = new HashMap<>();
        Map<String, String> deviceOf = new HashMap<>();
        for (Map<String, String> now : run.rows()) {
            String key = now.get(ResultSchema.CONFIG_KEY);
            Map<String, String> was = ref.get(key);
            if (was == null) continue;
            common++;
            List<String> problems = new ArrayList<>();
            Reproducer.compareStatus(was, now, problems);
            if (problems.isEmpty() && "ok".equals(now.get(ResultSchema.STATUS))) Reproducer.compareErrors(was, now, Reproducer.Tolerances.DEFAULT, problems);
            if (problems.isEmpty()) agreeing++;
            else standOut.add(key + ": " + String.join("; ", problems).replace("re-run gives", "this run gives").replace("re-measured", "this run measured"));
            if (problems.isEmpty() && "ok".equals(now.get(ResultSchema.STATUS))) {
                try {
                    ratios.put(key, Reproducer.number(now, "median_ms") / Reproducer.number(was, "median_ms"));
                    deviceOf.put(key, now.getOrDefault("device_id", ""));
                } catch (NumberFormatException e) {
                    standOut.add(key + ": median_ms is not a number");
                }
            }
        }
        double[] sorted = ratios.values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = sorted.length == 0 ? Double.NaN : Reproducer.percentile(sorted, 50);
        double p10 = sorted.length == 0 ? Double.NaN : Reproducer.percentile(sorted, 10);
        double p90 = sorted.length == 0 ? Double.NaN : Reproducer.percentile(sorted, 90);
        Map<String, List<Double>> byDevice = new HashMap<>();
        ratios.forEach((key, r) -> byDevice.computeIfAbsent(deviceOf.get(key), d -> new ArrayList<>()).add(r));
        Map<String, Double> deviceMedian = new HashMap<>();
        byDevice.forEach((d, v) -> deviceMedian.put(d, Reproducer.percentile(v.stream().mapToDouble(Double::doubleValue).sorted().toArray(), 50)));
        ratios.entrySet().stream()
                .filter(e -> {
                    double m = deviceMedian.get(deviceOf.get(e.getKey()));
                    return e.getValue() / m > STANDS_OUT || m / e.getValue() > STANDS_OUT;
                })
                .sorted(Comparator.comparingDouble(e -> -Math.abs(Math.log(e.getValue() / deviceMedian.get(deviceOf.get(e.getKey()))))))
                .forEach(e -> standOut.add(String.format(Locale.ROOT, "%s: x%.2f the reference (its device's median ratio is x%.2f)",
                        e.getKey(), e.getValue(), deviceMedian.get(deviceOf.get(e.getKey())))));

        out.printf(Locale.ROOT, "compared with the reference %s (%s):%n", reference.file(), origin(reference));
        out.printf(Locale.ROOT, "  correctness: %d of %d common rows agree (same status; errors within x%.0f or both small)%n",
                agreeing, common, Reproducer.Tolerances.DEFAULT.errFactor());
        if (sorted.length > 0) {
            out.printf(Locale.ROOT, "  timing: this run takes x%.2f the reference's median time (10-90%% of rows: x%.2f to x%.2f; %d ok rows)%n",
                    median, p10, p90, sorted.length);
        }
        int onlyHere = run.rows().size() - common;
        if (onlyHere > 0 || reference.rows().size() > common) {
            out.printf(Locale.ROOT, "  rows only in this run: %d; only in the reference: %d%n", onlyHere, reference.rows().size() - common);
        }
        if (standOut.isEmpty()) out.println("  no row stands out");
        else {
            out.println("  rows that stand out:");
            standOut.stream().limit(LISTED).forEach(s -> out.println("    " + s));
            if (standOut.size() > LISTED) out.println("    ... and " + (standOut.size() - LISTED) + " more");
        }
        return new Summary(common, agreeing, median, p10, p90, List.copyOf(standOut));
    }

    private static String origin(ResultTable t) {
        if (t.rows().isEmpty()) return "empty";
        Map<String, String> r = t.rows().getFirst();
        String commit = r.getOrDefault("git_commit", "");
        return "commit " + (commit.length() > 10 ? commit.substring(0, 10) : commit) + ", " + r.getOrDefault("cpu_model", "?");
    }
}
